// Speed and growth against the reference, end to end: every file under e2e/perf/ declares
// on its first line the growth verdict it must get — on the sum-loop fixture, or, under
// e2e/perf/<id>/, on the bundled challenge <id>.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "judge/perf.hpp"
#include "support.hpp"

using namespace pyjudge;
using namespace pyjudge::judge;
namespace fs = std::filesystem;

namespace {

// Judges every labeled file in `folder` against challenge `c`: each must be AC and get the
// growth verdict on its first line (`# growth: worse`).
void check_labels(const Challenge& c, const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().extension() == ".py") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 2);
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::string first;
    std::getline(in, first);
    // `# growth: worse`, or alternatives where the data honestly cannot tell (n log n
    // against n: `like-reference | inconclusive`) — never a class they cannot separate.
    REQUIRE(first.starts_with("# growth: "));
    std::vector<std::string> allowed;
    std::string rest = first.substr(10);
    for (size_t at = 0; at <= rest.size();) {
      size_t bar = rest.find('|', at);
      std::string one = rest.substr(at, bar == std::string::npos ? std::string::npos : bar - at);
      one.erase(0, one.find_first_not_of(' '));
      one.erase(one.find_last_not_of(' ') + 1);
      allowed.push_back(one);
      at = bar == std::string::npos ? rest.size() + 1 : bar + 1;
    }
    std::string want = allowed.front();
    auto sub = read_submission(f);
    REQUIRE(sub.ok());
    Report r = testing::judge_source(c, sub->source, sub->filename);
    INFO(c.id << "/" << f.filename().string() << ": " << testing::first_message(r));
    REQUIRE(r.verdict == Verdict::AC);  // only a correct solution is timed
    PerfReport p = measure_performance(c, *sub, {testing::harness_exe(), false, 5});
    INFO(p.error << " " << to_string(p.growth.verdict) << " — " << p.growth.reason);
    CHECK(p.error.empty());
    CHECK(std::find(allowed.begin(), allowed.end(), std::string(to_string(p.growth.verdict))) !=
          allowed.end());
    if (want != "worse") {
      CHECK_FALSE(p.failed);
    }
  }
}

// One case per bundled challenge, so CTest runs them side by side.
void check_bundled(const std::string& id) {
  Challenge c = testing::load_or_die(testing::source_dir() / "challenges" / id);
  REQUIRE(c.performance);
  check_labels(c, testing::test_dir() / "e2e" / "perf" / id);
}

}  // namespace

TEST_CASE("perf: each labeled solution gets its growth verdict (sum-loop fixture)") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "sum-loop");
  REQUIRE(c.performance);
  check_labels(c, testing::test_dir() / "e2e" / "perf");
}

TEST_CASE("perf: labeled two-sum solutions") {
  check_bundled("two-sum");
}
TEST_CASE("perf: labeled group-anagrams solutions") {
  check_bundled("group-anagrams");
}
TEST_CASE("perf: labeled lru-cache solutions") {
  check_bundled("lru-cache");
}
TEST_CASE("perf: labeled sum-of-squares solutions (constant and logarithmic)") {
  check_bundled("sum-of-squares");
}
TEST_CASE("perf: labeled nth-fib solutions (exponential: a fixture with small tests)") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "nth-fib");
  check_labels(c, testing::test_dir() / "e2e" / "perf" / "nth-fib");
}

TEST_CASE("perf: submit shows the figures and --json carries speed and growth") {
  fs::path dir = testing::fixtures() / "challenges" / "sum-loop";
  auto json = testing::cli({"submit", dir.string(),
                            (testing::test_dir() / "e2e" / "perf" / "quadratic.py").string(),
                            testing::harness_flag(), "--json"});
  INFO("quadratic.py: " << json.out.substr(0, 4000) << json.err);
  CHECK(json.status == 1);  // correct, but over max_ratio
  CHECK(nlohmann::json::parse(json.out)["performance"]["message"].get<std::string>().find(
            "slower than the reference") != std::string::npos);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["verdict"] == "SLOW");  // every test passed: the exit status says why it fails
  CHECK(j["tests"][0]["verdict"] == "AC");
  CHECK(j["growth"]["verdict"] == "worse");
  CHECK(j["growth"]["ci"].size() == 2);
  CHECK(j["speed"]["verdict"] == "slower");
  CHECK(j["performance"]["sizes"].size() >= 3);
  CHECK(j["performance"]["sizes"][0]["candidate_s"].size() == 5);
  auto text = testing::cli({"submit", dir.string(),
                            (testing::test_dir() / "e2e" / "perf" / "linear_builtin.py").string(),
                            testing::harness_flag(), "--color=never"});
  INFO("linear_builtin.py: " << text.out << text.err);
  CHECK(text.status == 0);
  CHECK(text.out.find("Performance vs the reference") != std::string::npos);
  CHECK(text.out.find("growth  scales like the reference") != std::string::npos);
  auto skipped = testing::cli({"submit", dir.string(),
                               (testing::test_dir() / "e2e" / "perf" / "quadratic.py").string(),
                               testing::harness_flag(), "--no-performance", "--color=never"});
  CHECK(skipped.status == 0);
  CHECK(skipped.out.find("Performance") == std::string::npos);
}

TEST_CASE("perf: peak memory is compared with the reference's, above the loaded interpreter") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "sum-loop");
  testing::ScopedTempDir tmp;
  // The reference keeps a running total; this keeps every square (~2 MiB at n = 64000).
  Submission hoarder{"hoarder.py",
                     "def sum_of_squares(nums):\n"
                     "    squares = [x * x + 1000 for x in nums]\n"
                     "    return sum(squares) - 1000 * len(nums)\n"};
  PerfReport p = measure_performance(c, hoarder, {testing::harness_exe(), false, 5});
  REQUIRE(p.error.empty());
  INFO(p.memory.candidate_kb << " KiB vs " << p.memory.reference_kb << " KiB");
  CHECK(p.memory.n == 64000);
  CHECK(p.memory.verdict == MemoryVerdict::more);
  CHECK(p.memory.candidate_kb > p.memory.reference_kb + 1024);
  auto same = read_submission(c.reference);
  REQUIRE(same);
  PerfReport q = measure_performance(c, *same, {testing::harness_exe(), false, 5});
  CHECK(q.memory.verdict == MemoryVerdict::like_reference);
}

TEST_CASE("perf: memory verdicts") {
  CHECK(memory_of(1, 10'000, 9'000).verdict == MemoryVerdict::like_reference);
  CHECK(memory_of(1, 100, 900).verdict == MemoryVerdict::like_reference);  // within 1 MiB
  CHECK(memory_of(1, 20'000, 9'000).verdict == MemoryVerdict::more);
  CHECK(memory_of(1, 3'000, 9'000).verdict == MemoryVerdict::less);
}

TEST_CASE("perf: a call of nanoseconds on an input slow to decode is timed in bounded time") {
  // Repetitions used to run until the calls alone took 10 ms: with len() on 32,000 numbers
  // (each repetition decodes them afresh) that was minutes, and the reference "could not be
  // timed". The repetitions as a whole are now bounded too.
  fs::path dir = testing::fixtures() / "challenges" / "count-items";
  auto r = testing::cli({"submit", dir.string(), (dir / "reference.py").string(),
                         testing::harness_flag(), "--json", "--no-history"});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK_FALSE(j["performance"].contains("error"));
  CHECK(j["performance"]["sizes"].size() == 5);
  CHECK(j["speed"]["ratio"].get<double>() > 0);
  // len() takes about a microsecond at every size. Decoding 64,000 numbers for each
  // repetition takes milliseconds: none of it may be counted as the call's.
  for (const auto& size : j["performance"]["sizes"]) {
    for (const char* side : {"candidate_s", "reference_s"}) {
      for (const auto& s : size[side]) {
        INFO("n = " << size["n"] << " " << side << " " << s);
        CHECK(s.get<double>() < 50e-6);
      }
    }
  }
  CHECK(std::abs(j["growth"]["exponent"].get<double>()) < 1.0);  // ~0.5 here: cold caches
}

// A solution that is only fast while timed, or whose speed is someone else's work, must not
// get a speed figure it did not earn (tests/e2e/forged/).
PerfReport time_forged(const Challenge& c, const std::string& file) {
  auto sub = read_submission(testing::test_dir() / "e2e" / "forged" / c.id / file);
  REQUIRE(sub.ok());
  Report r = testing::judge_source(c, sub->source, sub->filename);
  INFO(file << ": " << testing::first_message(r));
  REQUIRE(r.verdict == Verdict::AC);  // right on every test
  return measure_performance(c, *sub, {testing::harness_exe(), false, 3});
}

TEST_CASE("perf: forged speed — every timed answer is checked, kept work is timed by first calls") {
  Challenge c = testing::load_or_die(testing::source_dir() / "challenges" / "two-sum");
  PerfReport gc_off = time_forged(c, "gc_off_when_timed.py");
  INFO(gc_off.error);
  CHECK(gc_off.failed);
  CHECK(gc_off.wrong_answer);
  CHECK(gc_off.error.find("a timed call gave a wrong answer at n = 2000") != std::string::npos);

  PerfReport wrong = time_forged(c, "wrong_at_timed_sizes.py");
  INFO(wrong.error);
  CHECK(wrong.failed);
  CHECK(wrong.wrong_answer);
  CHECK(wrong.error.find("a timed call gave a wrong answer at n = 2000") != std::string::npos);

  PerfReport cached = time_forged(c, "cache_by_content.py");
  INFO(cached.error << " " << cached.note);
  CHECK(cached.error.empty());
  CHECK_FALSE(cached.failed);
  CHECK(cached.note.starts_with("timed by first calls only, from the second size: your "));
  CHECK(cached.speed.ratio > 0.3);  // 0.00 when its lookups were timed

  PerfReport worker = time_forged(c, "cache_via_worker_thread.py");
  INFO(worker.error << " " << worker.note);
  CHECK(worker.error.empty());
  CHECK(worker.note.starts_with("timed by first calls only"));
  CHECK(worker.speed.ratio > 0.3);  // 0.00 when its calls were timed on their own thread

  // The class kind: each op's answer while timed is checked against the reference's.
  Challenge lru = testing::load_or_die(testing::source_dir() / "challenges" / "lru-cache");
  PerfReport forgets = time_forged(lru, "wrong_at_timed_sizes.py");
  INFO(forgets.error);
  CHECK(forgets.wrong_answer);
  CHECK(forgets.error.find("a timed call gave a wrong answer at n = 1000: op ") !=
        std::string::npos);

  PerfReport init = time_forged(c, "solution_init_reads_input.py");
  INFO(init.error);
  CHECK(init.error.empty());
  CHECK(init.note.empty());
  CHECK(init.speed.ratio > 0.3);  // 0.00 when Solution() was made after the input
}

TEST_CASE(
    "perf: a reference whose timed answer does not fit the signature is the challenge's error") {
  // Right on every test, a str at the large sizes: every correct solution would differ from
  // it there. It is the challenge's fault, never the solution's wrong answer.
  testing::ScopedTempDir tmp;
  fs::copy(testing::fixtures() / "challenges" / "sum-loop", tmp.path() / "sum-loop",
           fs::copy_options::recursive);
  {
    std::ofstream ref(tmp.path() / "sum-loop" / "reference.py");
    ref << "def sum_of_squares(nums):\n"
           "    if len(nums) > 10000:\n"
           "        return 'x'\n"
           "    return sum(x * x for x in nums)\n";
  }
  Challenge c = testing::load_or_die(tmp.path() / "sum-loop");
  auto sub = read_submission(testing::fixtures() / "challenges" / "sum-loop" / "reference.py");
  REQUIRE(sub.ok());
  PerfReport p = measure_performance(c, *sub, {testing::harness_exe(), false, 1});
  INFO(p.error);
  CHECK(p.error.find("the reference's answer at n = 16000 does not fit the signature: ") == 0);
  CHECK(p.error.find("the challenge's error") != std::string::npos);
  CHECK_FALSE(p.wrong_answer);
  CHECK_FALSE(p.failed);
}

TEST_CASE("perf: an honest solution whose right answers vary from call to call is timed") {
  // It visits the numbers in a random order: [i, j] one call, [j, i] the next, both right
  // (two-sum compares unordered). Each different answer is checked, none is refused.
  Challenge c = testing::load_or_die(testing::source_dir() / "challenges" / "two-sum");
  Submission s{"shuffled.py",
               "import random\n"
               "def two_sum(nums, target):\n"
               "    order = list(range(len(nums)))\n"
               "    random.shuffle(order)\n"
               "    seen = {}\n"
               "    for i in order:\n"
               "        j = seen.get(target - nums[i])\n"
               "        if j is not None:\n"
               "            return [j, i]\n"
               "        seen[nums[i]] = i\n"};
  PerfReport p = measure_performance(c, s, {testing::harness_exe(), false, 3});
  INFO(p.error);
  CHECK(p.error.empty());
  CHECK_FALSE(p.failed);
  CHECK(p.sizes.size() >= 3);
}
