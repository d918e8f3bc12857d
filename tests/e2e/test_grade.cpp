// `pyjudge grade` and `pyjudge merge` on fixture repositories (tests/fixtures/repos): the
// mapping by name and by manifest, thresholds, JUnit XML checked against its schema with
// xmllint, shards merged back, and GitHub annotations that no candidate can forge.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "judge/spec.hpp"
#include "support.hpp"

using namespace pyjudge;
using pyjudge::testing::ScopedTempDir;

namespace {

using Run = testing::CliRun;
using testing::cli;
using testing::harness_flag;
namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path repo(const std::string& name) {
  return testing::fixtures() / "repos" / name;
}

// xmllint (Debian's libxml2-utils) against tests/schema/junit.xsd.
void check_junit(const fs::path& xml) {
  std::string cmd = "xmllint --noout --schema '" +
                    (testing::test_dir() / "schema" / "junit.xsd").string() + "' '" + xml.string() +
                    "' 2>&1";
  testing::ShellRun r = testing::shell(cmd);
  INFO(r.out);
  CHECK(r.status == 0);
}

const json& item(const json& doc, const std::string& id) {
  return testing::element_where(doc["items"], "id", id);
}

}  // namespace

TEST_CASE("grade: a repository mapped by file name, where every solution passes") {
  ScopedTempDir out;
  fs::path junit = out.path() / "junit.xml";
  fs::path doc_file = out.path() / "grade.json";
  Run r = cli({"grade", harness_flag(), repo("all-pass").string(), "--junit", junit.string(),
               "--json", doc_file.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("PASSED") != std::string::npos);
  json doc = json::parse(testing::read_file(doc_file));
  CHECK(doc["format"] == "pyjudge-grade/1");
  REQUIRE(doc["items"].size() == 2);  // notes.py solves nothing and is left alone
  CHECK(item(doc, "two-sum")["file"] == "two_sum.py");
  CHECK(item(doc, "fibonacci")["file"] == "solutions/fibonacci.py");
  CHECK(doc["score"]["earned"] == 20.0);
  check_junit(junit);
  std::string xml = testing::read_file(junit);
  CHECK(xml.find("<testsuite name=\"two-sum\"") != std::string::npos);
  CHECK(xml.find("<failure") == std::string::npos);
}

TEST_CASE("grade: a manifest with failing solutions, points and thresholds") {
  ScopedTempDir out;
  fs::path junit = out.path() / "junit.xml";
  fs::path doc_file = out.path() / "grade.json";
  Run r = cli({"grade", harness_flag(), repo("some-fail").string(), "--junit", junit.string(),
               "--json", doc_file.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 1);  // without --min-score every solution must pass
  json doc = json::parse(testing::read_file(doc_file));
  REQUIRE(doc["items"].size() == 4);
  CHECK(item(doc, "two-sum")["verdict"] == "AC");
  CHECK(item(doc, "add")["verdict"] == "AC");  // from the course's own challenge folder
  CHECK(item(doc, "add")["points"] == 5.0);
  CHECK(item(doc, "fibonacci")["verdict"] == "WA");
  CHECK(item(doc, "fibonacci")["points"] == 20.0);
  CHECK(item(doc, "sum-of-squares")["verdict"] == "RE");
  CHECK(doc["score"]["earned"] == 15.0);
  CHECK(doc["score"]["possible"] == 45.0);
  check_junit(junit);

  // Thresholds: the total is enough, or all must pass.
  CHECK(cli({"grade", harness_flag(), repo("some-fail").string(), "--min-score", "15"}).status ==
        0);
  CHECK(cli({"grade", harness_flag(), repo("some-fail").string(), "--min-score", "16"}).status ==
        1);
  CHECK(cli({"grade", harness_flag(), repo("some-fail").string(), "--min-score", "10",
             "--require-all"})
            .status == 1);

  // Hidden tests keep their data: no input, expected value or output in any output.
  std::string xml = testing::read_file(junit);
  std::string text = doc.dump();
  for (const json& t : item(doc, "fibonacci")["report"]["tests"]) {
    if (!t["sample"].get<bool>()) {
      CHECK_FALSE(t.contains("input"));
      CHECK_FALSE(t.contains("expected"));
      CHECK_FALSE(t.contains("got"));
      CHECK(t["message"] == "wrong answer");
    }
  }
  // 4181, the 20th Fibonacci number, is in hidden tests only (the samples stop at 34). As a
  // number of its own: a measured figure such as 0.04181 ms or 14181 KiB is not it.
  const std::regex number(R"((^|[^0-9.])4181([^0-9.]|$))");
  CHECK_FALSE(std::regex_search(xml, number));
  CHECK_FALSE(std::regex_search(text, number));
  CHECK_FALSE(std::regex_search(r.out, number));
  // Samples do show expected and got.
  CHECK(xml.find("expected: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]") != std::string::npos);
}

TEST_CASE("grade: a malformed manifest, a missing file and an unknown challenge name where") {
  Run typo = cli({"grade", harness_flag(), repo("malformed").string()});
  CHECK(typo.status == 2);
  CHECK(typo.err.find("pyjudge.yaml:2:1") != std::string::npos);
  CHECK(typo.err.find("did you mean `challenges`") != std::string::npos);

  ScopedTempDir dir;
  dir.write("pyjudge.yaml", "challenges:\n  - {id: two-sum, file: nowhere.py}\n");
  Run missing = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("pyjudge.yaml:2:25") != std::string::npos);
  CHECK(missing.err.find("nowhere.py") != std::string::npos);

  dir.write("pyjudge.yaml", "challenges:\n  - two-sum\n  - no-such-challenge\n");
  dir.write("two_sum.py", "def two_sum(nums, target):\n    return [0, 1]\n");
  Run unknown = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("pyjudge.yaml:3:5") != std::string::npos);
  CHECK(unknown.err.find("unknown challenge `no-such-challenge`") != std::string::npos);

  dir.write("pyjudge.yaml", "challenges:\n  - fibonacci\n");
  Run no_file = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(no_file.status == 2);
  CHECK(no_file.err.find("no file solves `fibonacci`: expected fibonacci.py") != std::string::npos);

  fs::create_directories(dir.path() / "folder" / "pyjudge.yaml");
  Run manifest_folder = cli({"grade", harness_flag(), (dir.path() / "folder").string()});
  CHECK(manifest_folder.status == 2);
  CHECK(manifest_folder.err.find("pyjudge.yaml is not a file") != std::string::npos);
  dir.write("pyjudge.yaml", "challenges: []\n");
  Run empty_list = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(empty_list.status == 2);
  CHECK(empty_list.err.find("pyjudge.yaml:1:13: `challenges` is empty") != std::string::npos);
  Run score = cli({"grade", harness_flag(), dir.path().string(), "--min-score", "abc"});
  CHECK(score.status == 2);
  CHECK(score.err.find("must be a number ≥ 0 (points), such as 15, got `abc`") !=
        std::string::npos);

  dir.write("pyjudge.yaml", "timing: sometimes\nchallenges: [two-sum]\n");
  Run bad_timing = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(bad_timing.status == 2);
  CHECK(bad_timing.err.find("pyjudge.yaml:1:9") != std::string::npos);

  // By name, two files for one challenge are ambiguous; no file at all is explained.
  fs::remove(dir.path() / "pyjudge.yaml");
  dir.write("sub/two-sum.py", "def two_sum(nums, target):\n    return [0, 1]\n");
  Run twice = cli({"grade", harness_flag(), dir.path().string()});
  CHECK(twice.status == 2);
  CHECK(twice.err.find("two files solve `two-sum`") != std::string::npos);
  ScopedTempDir empty;
  Run none = cli({"grade", harness_flag(), empty.path().string()});
  CHECK(none.status == 2);
  CHECK(none.err.find("no solution found") != std::string::npos);
  CHECK(cli({"grade", harness_flag(), repo("all-pass").string(), "--shard", "3/2"}).status == 2);
}

TEST_CASE("grade: shards split the work deterministically and merge puts it back") {
  ScopedTempDir out;
  fs::path whole = out.path() / "whole.json";
  REQUIRE(
      cli({"grade", harness_flag(), repo("some-fail").string(), "--json", whole.string()}).status ==
      1);
  std::vector<std::string> shard_files;
  std::set<std::string> seen;
  for (int i = 1; i <= 3; ++i) {
    fs::path f = out.path() / ("shard" + std::to_string(i) + ".json");
    Run r = cli({"grade", harness_flag(), repo("some-fail").string(), "--shard",
                 std::to_string(i) + "/3", "--json", f.string()});
    CHECK(r.status <= 1);
    json shard = json::parse(testing::read_file(f));
    for (const json& it : shard["items"]) {
      CHECK(seen.insert(it["id"].get<std::string>()).second);  // no item in two shards
    }
    shard_files.push_back(f.string());
  }
  CHECK(seen.size() == 4);
  fs::path merged = out.path() / "merged.json";
  fs::path junit = out.path() / "merged.xml";
  Run m = cli({"merge", shard_files[0], shard_files[1], shard_files[2], "--json", merged.string(),
               "--junit", junit.string()});
  INFO(m.out << m.err);
  CHECK(m.status == 1);
  json a = json::parse(testing::read_file(whole));
  json b = json::parse(testing::read_file(merged));
  REQUIRE(a["items"].size() == b["items"].size());
  for (size_t i = 0; i < a["items"].size(); ++i) {
    CHECK(a["items"][i]["id"] == b["items"][i]["id"]);
    CHECK(a["items"][i]["verdict"] == b["items"][i]["verdict"]);
    CHECK(a["items"][i]["earned"] == b["items"][i]["earned"]);
  }
  CHECK(a["score"] == b["score"]);
  check_junit(junit);
  CHECK(
      cli({"merge", shard_files[0], shard_files[1], shard_files[2], "--min-score", "15"}).status ==
      0);

  // A shard holds only part of the points: the minimum is merge's to check, not each job's.
  std::vector<std::string> pass_files;
  for (int i = 1; i <= 2; ++i) {
    fs::path f = out.path() / ("pass" + std::to_string(i) + ".json");
    Run r = cli({"grade", harness_flag(), repo("all-pass").string(), "--shard",
                 std::to_string(i) + "/2", "--min-score", "1000", "--json", f.string()});
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("the minimum of 1000 is checked when `pyjudge merge` joins the shards") !=
          std::string::npos);
    pass_files.push_back(f.string());
  }
  CHECK(cli({"merge", pass_files[0], pass_files[1], "--min-score", "1000"}).status == 1);
  CHECK(cli({"merge", pass_files[0], pass_files[1]}).status == 0);

  // A missing shard fails; a shard twice, or another plan's document, is refused.
  Run partial = cli({"merge", shard_files[0], shard_files[1], "--min-score", "0"});
  CHECK(partial.status == 1);
  CHECK(partial.out.find("shard missing") != std::string::npos);
  Run twice = cli({"merge", shard_files[0], shard_files[0]});
  CHECK(twice.status == 2);
  CHECK(twice.err.find("given twice") != std::string::npos);
  fs::path other = out.path() / "other.json";
  REQUIRE(
      cli({"grade", harness_flag(), repo("all-pass").string(), "--json", other.string()}).status ==
      0);
  Run foreign = cli({"merge", shard_files[0], other.string()});
  CHECK(foreign.status == 2);
  CHECK(foreign.err.find("another plan") != std::string::npos);
  fs::path junk = out.path() / "junk.json";
  std::ofstream(junk) << "{not json";
  CHECK(cli({"merge", junk.string()}).status == 2);
  // A folder is the user's mistake, not the judge's.
  Run folder = cli({"merge", out.path().string()});
  CHECK(folder.status == 2);
  CHECK(folder.err.find("is a folder, not a file") != std::string::npos);
}

TEST_CASE("grade: GitHub annotations are escaped, capped, and a candidate cannot issue commands") {
  ScopedTempDir out;
  fs::path summary = out.path() / "summary.md";
  setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  setenv("GITHUB_WORKSPACE", repo("some-fail").c_str(), 1);
  Run r = cli({"grade", harness_flag(), repo("some-fail").string(), "--github"});
  unsetenv("GITHUB_STEP_SUMMARY");
  unsetenv("GITHUB_WORKSPACE");
  INFO(r.out);
  CHECK(r.status == 1);
  // Outside the ::stop-commands:: block, only pyjudge's own commands; inside it, anything.
  std::istringstream lines(r.out);
  std::string line;
  std::string token;
  size_t errors = 0;
  bool stopped = false;
  while (std::getline(lines, line)) {
    if (stopped) {
      if (line == "::" + token + "::") {
        stopped = false;
      }
      continue;
    }
    // One line each: a candidate's text may be quoted in an annotation's message, after
    // pyjudge's own command and properties, never at the start of a line.
    CHECK(line.starts_with("::"));
    if (!line.starts_with("::error ")) {
      CHECK(line.find("forged") == std::string::npos);
    } else {
      CHECK(line.find("forged") > line.find("::", 2));
    }
    if (line.starts_with("::stop-commands::")) {
      token = line.substr(17);
      CHECK(token.size() >= 32);
      stopped = true;
    } else if (line.starts_with("::error ")) {
      ++errors;
    }
  }
  CHECK_FALSE(stopped);  // the block was closed
  CHECK(errors == 2);    // fibonacci (WA) and sum-of-squares (RE)
  // The RE's message is one line: its newlines and percent signs are escaped.
  auto re = r.out.find("::error file=src/squares.py,line=10,title=pyjudge sum-of-squares%3A RE::");
  REQUIRE(re != std::string::npos);
  std::string annotation = r.out.substr(re, r.out.find('\n', re) - re);
  CHECK(annotation.find("%250A") != std::string::npos);
  CHECK(annotation.find('\r') == std::string::npos);
  // The job summary is Markdown in which a candidate's text cannot break the table.
  std::string md = testing::read_file(summary);
  CHECK(md.find("## pyjudge grade: failed") != std::string::npos);
  CHECK(md.find("| fibonacci |") != std::string::npos);
  CHECK(md.size() < 512 * 1024);
}

TEST_CASE("grade: at most ten annotations, the rest counted") {
  ScopedTempDir dir;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "challenges")) {
    auto c = judge::load_challenge(e.path());
    if (c.ok() && c->kind != judge::ChallengeKind::program && n < 12) {
      std::string id = c->id;
      std::replace(id.begin(), id.end(), '-', '_');
      dir.write(id + ".py", "x = 1  # defines nothing the tests use\n");
      ++n;
    }
  }
  REQUIRE(n == 12);
  Run r = cli({"grade", harness_flag(), dir.path().string(), "--github"});
  CHECK(r.status == 1);
  size_t errors = 0;
  for (size_t at = r.out.find("::error "); at != std::string::npos;
       at = r.out.find("::error ", at + 1)) {
    ++errors;
  }
  CHECK(errors == 10);
  CHECK(r.out.find("::notice title=pyjudge::2 more failing solutions") != std::string::npos);
}

TEST_CASE("grade: the example practice repository passes as its workflow grades it") {
  fs::path example = testing::source_dir() / "examples" / "practice-repo";
  Run r = cli({"grade", harness_flag(), example.string(), "--timing", "off"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("3 of 3 accepted") != std::string::npos);
}

TEST_CASE("grade: timing reports without failing, and enforces only the spec's max_ratio") {
  ScopedTempDir dir;
  fs::path quadratic = testing::test_dir() / "e2e" / "perf" / "quadratic.py";
  dir.write("pyjudge.yaml", "challenge_dirs: [" + (testing::fixtures() / "challenges").string() +
                                "]\nchallenges:\n  - {id: sum-loop, file: slow.py}\n");
  dir.write("slow.py", testing::read_file(quadratic));
  fs::path doc_file = dir.path() / "grade.json";
  Run off = cli({"grade", harness_flag(), dir.path().string(), "--json", doc_file.string()});
  CHECK(off.status == 0);  // correct: by default no timing runs at all
  CHECK_FALSE(json::parse(testing::read_file(doc_file))["items"][0]["report"].contains("speed"));
  Run report = cli({"grade", harness_flag(), dir.path().string(), "--timing", "report", "--json",
                    doc_file.string()});
  INFO(report.out << report.err);
  CHECK(report.status == 0);  // shown, never a failure
  json doc = json::parse(testing::read_file(doc_file));
  CHECK(doc["items"][0]["report"]["speed"]["verdict"] == "slower");
  CHECK(doc["items"][0]["accepted"] == true);
  Run enforce = cli({"grade", harness_flag(), dir.path().string(), "--timing", "enforce", "--json",
                     doc_file.string()});
  CHECK(enforce.status == 1);  // over the challenge's own max_ratio
  doc = json::parse(testing::read_file(doc_file));
  CHECK(doc["items"][0]["accepted"] == false);
  CHECK(doc["items"][0]["performance_failed"].get<std::string>().find(
            "slower than the reference") != std::string::npos);
  // The row agrees with the outcome: not accepted, no points, and not shown as AC.
  CHECK(doc["items"][0]["earned"] == 0.0);
  CHECK(enforce.out.find("SLOW") != std::string::npos);
  CHECK(enforce.out.find("  AC ") == std::string::npos);
  // The CI outputs say so too: an annotation on the file, SLOW in the JUnit and the summary.
  fs::path junit = dir.path() / "grade.xml";
  fs::path summary = dir.path() / "summary.md";
  setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  Run gh = cli({"grade", harness_flag(), dir.path().string(), "--timing", "enforce", "--github",
                "--junit", junit.string()});
  unsetenv("GITHUB_STEP_SUMMARY");
  INFO(gh.out);
  CHECK(gh.status == 1);
  CHECK(gh.out.find("title=pyjudge sum-loop%3A SLOW::") != std::string::npos);
  CHECK(gh.out.find("slower than the reference") != std::string::npos);
  CHECK(testing::read_file(junit).find("<property name=\"verdict\" value=\"SLOW\"/>") !=
        std::string::npos);
  CHECK(testing::read_file(summary).find("| SLOW |") != std::string::npos);
}

TEST_CASE("grade: JUnit counts every test of a file that does not load, and keeps odd names") {
  ScopedTempDir dir;
  std::string file = "src/x\ny.py";  // a line feed in the name: attributes must keep it
  dir.write("pyjudge.yaml", "challenge_dirs: [" + (testing::fixtures() / "challenges").string() +
                                "]\nchallenges:\n  - {id: add, file: \"src/x\\ny.py\"}\n");
  dir.write(file, "def add(a, b):\n    return a +\n");  // CE
  fs::path junit = dir.path() / "grade.xml";
  Run r = cli({"grade", harness_flag(), dir.path().string(), "--junit", junit.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  check_junit(junit);
  std::string xml = testing::read_file(junit);
  CHECK(xml.find("tests=\"3\" failures=\"3\"") != std::string::npos);  // add has three tests
  CHECK(xml.find("file=\"src/x&#10;y.py\"") != std::string::npos);
  CHECK(xml.find("src/x\ny.py") == std::string::npos);
}

TEST_CASE("grade: a timed call's wrong answer fails the solution under any timing policy") {
  ScopedTempDir dir;
  dir.write("pyjudge.yaml", "challenge_dirs: [" + (testing::source_dir() / "challenges").string() +
                                "]\nchallenges:\n  - {id: two-sum, file: forged.py}\n");
  dir.write("forged.py", testing::read_file(testing::test_dir() / "e2e" / "forged" / "two-sum" /
                                            "gc_off_when_timed.py"));
  fs::path doc_file = dir.path() / "grade.json";
  fs::path junit = dir.path() / "grade.xml";
  Run r = cli({"grade", harness_flag(), dir.path().string(), "--timing", "report", "--json",
               doc_file.string(), "--junit", junit.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  json doc = json::parse(testing::read_file(doc_file));
  CHECK(doc["items"][0]["verdict"] == "WA");
  CHECK(doc["items"][0]["accepted"] == false);
  CHECK(doc["items"][0]["earned"] == 0.0);
  CHECK(doc["items"][0]["performance_failed"].get<std::string>().starts_with(
      "a timed call gave a wrong answer at n = 2000"));
  std::string xml = testing::read_file(junit);
  CHECK(xml.find("<testcase name=\"answers while timed\"") != std::string::npos);
  CHECK(xml.find("type=\"WA\"") != std::string::npos);
  check_junit(junit);
}
