// Speed and growth against the reference, end to end: every file under e2e/perf/ declares
// on its first line the growth verdict it must get on the sum-loop fixture.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "judge/perf.hpp"
#include "support.hpp"

using namespace pyjudge;
using namespace pyjudge::judge;
namespace fs = std::filesystem;

TEST_CASE("perf: each labeled solution gets its growth verdict") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "sum-loop");
  REQUIRE(c.performance);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(testing::test_dir() / "e2e" / "perf")) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 2);
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::string first;
    std::getline(in, first);
    REQUIRE(first.starts_with("# growth: "));
    std::string want = first.substr(10);
    auto sub = read_submission(f);
    REQUIRE(sub.ok());
    PerfReport p = measure_performance(c, *sub, {testing::harness_exe(), false, 5});
    INFO(f.filename().string() << ": " << p.error << " " << to_string(p.growth.verdict) << " — "
                               << p.growth.reason);
    CHECK(p.error.empty());
    CHECK(to_string(p.growth.verdict) == want);
    if (want == "worse") {
      CHECK(p.failed);  // over max_ratio as well
      CHECK(p.message.find("slower than the reference") != std::string::npos);
    } else {
      CHECK_FALSE(p.failed);
    }
  }
}

TEST_CASE("perf: submit shows the figures and --json carries speed and growth") {
  fs::path dir = testing::fixtures() / "challenges" / "sum-loop";
  auto json = testing::cli({"submit", dir.string(),
                            (testing::test_dir() / "e2e" / "perf" / "quadratic.py").string(),
                            testing::harness_flag(), "--json"});
  CHECK(json.status == 1);  // correct, but over max_ratio
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["verdict"] == "AC");
  CHECK(j["growth"]["verdict"] == "worse");
  CHECK(j["growth"]["ci"].size() == 2);
  CHECK(j["speed"]["verdict"] == "slower");
  CHECK(j["performance"]["sizes"].size() >= 3);
  CHECK(j["performance"]["sizes"][0]["candidate_s"].size() == 5);
  auto text = testing::cli({"submit", dir.string(),
                            (testing::test_dir() / "e2e" / "perf" / "linear_builtin.py").string(),
                            testing::harness_flag(), "--color=never"});
  CHECK(text.status == 0);
  CHECK(text.out.find("Performance vs the reference") != std::string::npos);
  CHECK(text.out.find("growth  scales like the reference") != std::string::npos);
  auto skipped = testing::cli({"submit", dir.string(),
                               (testing::test_dir() / "e2e" / "perf" / "quadratic.py").string(),
                               testing::harness_flag(), "--no-performance", "--color=never"});
  CHECK(skipped.status == 0);
  CHECK(skipped.out.find("Performance") == std::string::npos);
}
