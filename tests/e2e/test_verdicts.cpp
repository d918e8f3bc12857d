// End to end: real candidate files through judge() and the built pyjudge-harness.
//
// Every file under tests/e2e/candidates/<challenge>/ declares its verdict on its first line
// (`# expect: WA`) and optionally, on its second, a text the message must contain
// (`# message: …`); the challenge's declared `wrong:` solutions are judged too. The
// challenge is a bundled one, or a fixture under tests/fixtures.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/report.hpp"
#include "support.hpp"

using namespace pyjudge;
using namespace pyjudge::judge;
namespace fs = std::filesystem;

namespace {

struct Expectation {
  Verdict verdict = Verdict::IE;
  std::string message;
};

Expectation read_expectation(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string first;
  std::string second;
  std::getline(in, first);
  std::getline(in, second);
  auto strip = [](std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) {
      s.pop_back();
    }
    return s;
  };
  first = strip(first);
  second = strip(second);
  Expectation e;
  auto at = first.find("# expect: ");
  REQUIRE_MESSAGE(at != std::string::npos, file.string() << " has no `# expect:` line");
  auto v = verdict_from_string(first.substr(at + 10));
  REQUIRE_MESSAGE(v, file.string() << ": unknown verdict in " << first);
  e.verdict = *v;
  if (second.starts_with("# message: ")) {
    e.message = second.substr(11);
  }
  return e;
}

// The candidates under e2e/candidates/<id>/ were written for the test fixture of that id
// when there is one (some bundled challenges share a fixture's id but not its interface).
fs::path challenge_dir(const std::string& id) {
  fs::path fixture = testing::fixtures() / "challenges" / id;
  return fs::exists(fixture) ? fixture : testing::source_dir() / "challenges" / id;
}

// Judges every candidate under e2e/candidates/<id>/ and every wrong solution the
// challenge declares (its `wrong:` list, with the verdict the spec gives; the file may add a
// `# message:` line). Each kind needs a correct solution and at least two wrong ones.
void judge_folder(const std::string& id) {
  Challenge c = testing::load_or_die(challenge_dir(id));
  testing::ScopedTempDir cache;
  if (auto err = materialize(c, {testing::harness_exe(), cache.path(), false})) {
    FAIL(*err);
  }
  std::vector<std::pair<fs::path, Expectation>> cases;
  fs::path candidates = testing::test_dir() / "e2e" / "candidates" / id;
  if (fs::is_directory(candidates)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(candidates)) {
      if (e.path().extension() == ".py") {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      cases.emplace_back(f, read_expectation(f));
    }
  }
  for (const WrongSolution& w : c.wrong) {
    std::ifstream in(w.file);
    std::string line;
    Expectation want{w.expect, ""};
    for (int i = 0; i < 2 && std::getline(in, line); ++i) {
      if (line.starts_with("# message: ")) {
        want.message = line.substr(11);
      }
    }
    cases.emplace_back(w.file, want);
  }
  auto accepted = std::count_if(cases.begin(), cases.end(),
                                [](const auto& k) { return k.second.verdict == Verdict::AC; });
  CHECK_MESSAGE(accepted >= 1, id << ": no correct candidate");
  CHECK_MESSAGE(cases.size() - static_cast<size_t>(accepted) >= 2,
                id << ": fewer than two wrong candidates");
  for (const auto& [file, want] : cases) {
    auto sub = read_submission(file);
    REQUIRE(sub.ok());
    JudgeOptions options;
    options.harness_exe = testing::harness_exe();
    Report r = judge::judge(c, *sub, options);
    std::string msg = testing::first_message(r);
    INFO(file.filename().string() << ": got " << to_string(r.verdict) << " — " << msg);
    CHECK(r.verdict == want.verdict);
    if (!want.message.empty()) {
      CHECK(msg.find(want.message) != std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("e2e: every verdict on the add fixture") {
  // A secret in the judge's own environment must not reach the box (env_is_empty.py).
  setenv("PYJUDGE_TEST_SECRET", "hunter2", 1);
  judge_folder("add");
  unsetenv("PYJUDGE_TEST_SECRET");
}

TEST_CASE("e2e: two-sum candidates") {
  judge_folder("two-sum");
}
TEST_CASE("e2e: lru-cache candidates") {
  judge_folder("lru-cache");
}
TEST_CASE("e2e: group-anagrams candidates") {
  judge_folder("group-anagrams");
}

TEST_CASE("e2e: class ops keep each op's value as it was returned") {
  judge_folder("bag");
}

TEST_CASE("e2e: linked lists in and out (ListNode)") {
  judge_folder("reverse-list");
}
TEST_CASE("e2e: binary trees in and out (TreeNode)") {
  judge_folder("invert-tree");
}
TEST_CASE("e2e: graphs, and a clone must share no node with the input") {
  judge_folder("clone-graph");
}
TEST_CASE("e2e: in-place functions are judged by the argument after the call") {
  judge_folder("rotate-matrix");
}
TEST_CASE("e2e: infinite generators, pulled lazily") {
  judge_folder("fib-gen");
}
TEST_CASE(
    "e2e: a generator kind that returns a list is told so on a sample, hidden tests say less") {
  Challenge c = testing::load_or_die(challenge_dir("fib-gen"));
  auto sub = read_submission(c.dir / "wrong" / "returns_list.py");
  REQUIRE(sub.ok());
  JudgeOptions options;
  options.harness_exe = testing::harness_exe();
  Report r = judge::judge(c, *sub, options);
  CHECK(r.verdict == Verdict::WA);
  for (const auto& t : r.tests) {
    INFO(t.test->name << ": " << t.message);
    CHECK(t.verdict == Verdict::WA);
    if (t.test->sample) {
      CHECK(t.message.starts_with("returned a list instead of an iterator: `yield` the items"));
    } else {
      CHECK(t.message ==
            "returned something that is not an iterator: yield the items (a generator)");
    }
  }
}

TEST_CASE("e2e: printed text keeps every character it can: a lone surrogate as \\udcxx") {
  Challenge c = testing::load_or_die(challenge_dir("add"));
  Report r = testing::judge_source(
      c,
      "import sys\ndef add(a, b):\n    print('a\\udc80b', sys.stdout.errors)\n"
      "    return a + b\n");
  REQUIRE(r.verdict == Verdict::AC);
  REQUIRE(r.tests[0].test->sample);
  CHECK(r.tests[0].out.head == "a\\udc80b backslashreplace\n");
}

TEST_CASE("e2e: samples run first, so a sample's output cannot show a hidden test's input") {
  // nth-fib lists hidden tests (n = 1, 2) before the sample n = 10.
  Challenge c = testing::load_or_die(challenge_dir("nth-fib"));
  Report r = testing::judge_source(c,
                                   "seen = []\n"
                                   "def fib(n):\n"
                                   "    seen.append(n)\n"
                                   "    raise ValueError(f'inputs so far: {seen}')\n");
  size_t samples = 0;
  for (const auto& t : r.tests) {
    INFO(t.test->name << ": " << t.message);
    if (t.test->sample) {
      CHECK(samples == static_cast<size_t>(&t - r.tests.data()));  // listed first
      ++samples;
      CHECK(t.message.find(t.test->name == "zero" ? "inputs so far: [0]"
                                                  : "inputs so far: [0, 10]") != std::string::npos);
    }
  }
  CHECK(samples == 2);
}

TEST_CASE("e2e: finite generators must stop where expected") {
  judge_folder("countdown");
}
TEST_CASE("e2e: script tests (decorators, threads, asyncio)") {
  judge_folder("retry-decorator");
}
TEST_CASE("e2e: script tests of a context manager, with files in the scratch folder") {
  judge_folder("managed-file");
}
TEST_CASE("e2e: script tests with an injected fake clock and asyncio concurrency") {
  judge_folder("rate-limiter");
}
TEST_CASE("e2e: stdin/stdout programs, token checker") {
  judge_folder("sum-pairs");
}
TEST_CASE("e2e: programs with a float tolerance") {
  judge_folder("float-mean");
}
TEST_CASE("e2e: a custom checker decides") {
  judge_folder("topo-order");
}
TEST_CASE("e2e: any_of accepts each listed answer") {
  judge_folder("pair-any");
}
TEST_CASE("e2e: set compare and test groups") {
  judge_folder("distinct-words");
}
TEST_CASE("e2e: generated tests") {
  judge_folder("squares-gen");
}

TEST_CASE("e2e: every bundled reference is accepted") {
  for (const auto& entry : fs::directory_iterator(testing::source_dir() / "challenges")) {
    if (!fs::exists(entry.path() / "challenge.yaml")) {
      continue;
    }
    Challenge c = testing::load_or_die(entry.path());
    auto sub = read_submission(c.reference);
    REQUIRE(sub.ok());
    JudgeOptions options;
    options.harness_exe = testing::harness_exe();
    Report r = judge::judge(c, *sub, options);
    INFO(c.id << ": " << testing::first_message(r));
    CHECK(r.verdict == Verdict::AC);
    CHECK(r.score == doctest::Approx(100.0));
  }
}

TEST_CASE("e2e: a dead child is replaced and later tests still run") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  // Crashes only on the second test: the first and third must still be judged.
  Report r = testing::judge_source(c,
                                   "import os\n"
                                   "def add(a, b):\n"
                                   "    if a == -5:\n"
                                   "        os.abort()\n"
                                   "    return a + b\n");
  REQUIRE(r.tests.size() == 3);
  CHECK(r.tests[0].verdict == Verdict::AC);
  CHECK(r.tests[1].verdict == Verdict::RE);
  CHECK(r.tests[1].message.find("SIGABRT") != std::string::npos);
  CHECK(r.tests[2].verdict == Verdict::AC);
  CHECK(r.score == doctest::Approx(50.0));  // the sample is worth 0 points
}

TEST_CASE("e2e: a challenge whose tests are worth no points scores the share of tests passed") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  for (auto& t : c.tests) {  // every test a sample, as `pyjudge test` runs them
    t.sample = true;
    t.points = 0;
  }
  Report r = testing::judge_source(c, "def add(a, b):\n    return a + b if a > 0 else 0\n");
  REQUIRE(r.tests.size() == 3);
  CHECK(r.verdict == Verdict::WA);
  CHECK(r.score == doctest::Approx(100.0 * 2 / 3));
  Report none = testing::judge_source(c, "def add(a, b):\n    return 0\n");
  CHECK(none.score == doctest::Approx(0.0));
}

TEST_CASE("e2e: a file whose name is not UTF-8 is judged like any other") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report ok = testing::judge_source(c, "def add(a, b):\n    return a + b\n", "caf\xe9.py");
  INFO(testing::first_message(ok));
  CHECK(ok.verdict == Verdict::AC);
  Report bad = testing::judge_source(c, "def add(a, b):\n    return a // 0\n", "caf\xe9.py");
  REQUIRE(bad.tests.size() == 3);
  CHECK(bad.tests[0].verdict == Verdict::RE);
  CHECK(bad.tests[0].line == 2);  // the candidate's frame is still found by its file name
}

TEST_CASE("e2e: after two time-outs the rest is skipped, not waited for") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c, "def add(a, b):\n    while True: pass\n");
  CHECK(r.tests[0].verdict == Verdict::TLE);
  CHECK(r.tests[1].verdict == Verdict::TLE);
  CHECK(r.tests[2].skipped);
  CHECK(r.verdict == Verdict::TLE);
}

TEST_CASE("e2e: captured output and timing come back per test") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c,
                                   "def add(a, b):\n"
                                   "    print('x' * 10000)\n"
                                   "    s = 0\n"
                                   "    for i in range(200000): s += i\n"
                                   "    return a + b\n");
  REQUIRE(r.verdict == Verdict::AC);
  CHECK(r.tests[0].out.total == 10001);
  CHECK(r.tests[0].out.head.size() == 8192);
  CHECK(r.tests[0].time_ms > 1.0);  // 200k iterations take milliseconds, not zero
  CHECK(r.tests[0].peak_memory_kb > 1000);
}

TEST_CASE("e2e: a quick test's CPU time is exact and not in scheduler ticks") {
  // The process clock alone moves in 4 ms ticks while RLIMIT_CPU is set: calls of ~0.1 ms
  // would then read 0 or 4 ms.
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c,
                                   "def add(a, b):\n"
                                   "    s = 0\n"
                                   "    for i in range(3000): s += i\n"
                                   "    return a + b\n");
  REQUIRE(r.verdict == Verdict::AC);
  REQUIRE(r.tests.size() >= 3);
  for (const auto& t : r.tests) {
    INFO(t.test->name << ": " << t.time_ms << " ms");
    CHECK(t.time_ms > 0.0);
    CHECK(t.time_ms < 3.0);
  }
}

TEST_CASE("e2e: a box that dies in a test still shows the CPU time it used there") {
  // No result frame carries it: the judge reads the box's cgroup after the box is gone.
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c,
                                   "import ctypes\n"
                                   "def add(a, b):\n"
                                   "    s = 0\n"
                                   "    for i in range(300000): s += i\n"
                                   "    return ctypes.string_at(0)\n");
  REQUIRE(r.verdict == Verdict::RE);
  if (testing::skip_without_layer(r, "cgroups", "the dead box's CPU time")) {
    return;  // without a cgroup nothing counts a dead box's CPU
  }
  INFO(r.tests[0].message << ": " << r.tests[0].time_ms << " ms");
  CHECK(r.tests[0].time_ms > 1.0);  // 300k iterations take milliseconds
}

namespace {

// count-items with `tests` more tests of `n` + k numbers each (k = 1, 2, …).
Challenge big_count_challenge(int n, int tests) {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "count-items");
  c.performance.reset();
  c.tests.resize(1);
  for (int k = 1; k <= tests; ++k) {
    std::vector<Value> nums;
    for (int i = 0; i < n + k; ++i) {
      nums.push_back(Value::integer(int64_t{i} * 7919 % 1000003 + k));
    }
    TestCase t = c.tests[0];
    t.name = fmt::format("big{}", k);
    t.sample = false;
    t.calls[0].args = {Value::list(std::move(nums))};
    t.calls[0].expected = Value::integer(n + k);
    c.tests.push_back(std::move(t));
  }
  return c;
}

// `len(nums)` on every test of c is accepted and shows well under a millisecond each.
void check_len_shown_quick(const Challenge& c) {
  Report r = testing::judge_source(c, "def count(nums):\n    return len(nums)\n");
  REQUIRE(r.verdict == Verdict::AC);
  for (const auto& t : r.tests) {
    INFO(t.test->name << ": " << t.time_ms << " ms");
    CHECK(t.time_ms < 0.5);
  }
}

}  // namespace

TEST_CASE("e2e: a job larger than the pipe goes through in parts and every test gets its input") {
  // ~10 MiB of job against a pipe of at most 1 MiB: the job is written as the box reads it,
  // resuming inside a test's frame.
  Challenge c = big_count_challenge(200000, 6);
  Report r = testing::judge_source(c, "def count(nums):\n    return len(nums)\n");
  INFO(testing::first_message(r));
  CHECK(r.verdict == Verdict::AC);
  CHECK(r.passed() == c.tests.size());
  // A wrong answer on one of them is still found (every input arrived whole, in order).
  Report wrong =
      testing::judge_source(c, "def count(nums):\n    return len(nums) - (len(nums) == 200004)\n");
  REQUIRE(wrong.tests.size() == 7);
  CHECK(wrong.tests[4].verdict == Verdict::WA);
  CHECK(wrong.passed() == 6);
}

TEST_CASE("e2e: a quick call after decoding a large input is timed as itself") {
  // Decoding 40,000 numbers takes a millisecond or two just before the call; `len` takes well
  // under a microsecond. The process clock read around the call must not take in the
  // decoding (up to a scheduler tick of it, each test).
  check_len_shown_quick(big_count_challenge(40000, 10));
}

TEST_CASE("e2e: a quick call on an input slow to decode shows the call's time") {
  // 600,000 numbers take tens of milliseconds to decode, which the judge's reading of the
  // test counts: the harness's figure for the whole test explains it, so the call's own
  // figure is shown (and a TLE would still be the judge's reading). The tiny first test too,
  // though the judge may read its frame while the box already decodes the next input.
  check_len_shown_quick(big_count_challenge(600000, 3));
}

TEST_CASE("judge: a reading that took in the next test's decoding still shows the call") {
  using pyjudge::judge::calls_time_explained;
  using pyjudge::judge::TestTiming;
  constexpr uint64_t ms = 1'000'000;
  // Read on time: every reading within a tick of the test's own figures.
  CHECK(calls_time_explained(std::vector<TestTiming>{
            {2 * ms, ms / 100, ms}, {31 * ms, ms / 100, 30 * ms}, {ms, ms / 100, ms}}) ==
        std::vector<bool>{true, true, true});
  // Test 0 read 11.7 ms late into test 1's 30 ms of decoding: test 1's reading falls short
  // by as much.
  CHECK(calls_time_explained(
            std::vector<TestTiming>{{11'700'000, 4'000, 50'000}, {18'400'000, 10'000, 30 * ms}}) ==
        std::vector<bool>{true, true});
  // Two frames in one read: test 0's reading holds test 1 whole and half of test 2.
  CHECK(calls_time_explained(std::vector<TestTiming>{
            {55 * ms, 4'000, ms / 20}, {0, 4'000, 30 * ms}, {15 * ms, 4'000, 30 * ms}}) ==
        std::vector<bool>{true, true, true});
  // CPU nobody's figure accounts for (a thread of the candidate's, working between calls):
  // the reading is shown, on the last test as on any other.
  CHECK(calls_time_explained(std::vector<TestTiming>{
            {40 * ms, ms / 100, ms}, {ms, ms / 100, ms}, {25 * ms, ms / 100, ms}}) ==
        std::vector<bool>{false, true, false});
  // A later test's excess cancels an earlier shortfall: net, test 0 is not explained.
  CHECK(calls_time_explained(std::vector<TestTiming>{
            {20 * ms, ms / 100, ms}, {ms, ms / 100, 20 * ms}, {30 * ms, ms / 100, ms}}) ==
        std::vector<bool>{false, true, false});
  // A test over its limit (or not decided) keeps its reading, however well it agrees.
  CHECK(calls_time_explained(
            std::vector<TestTiming>{{5 * ms, 5 * ms, 5 * ms, true}, {5 * ms, 5 * ms, 5 * ms}}) ==
        std::vector<bool>{false, true});
  // Forged figures at the top of the range: no overflow, and a reading below them agrees.
  constexpr uint64_t most = UINT64_MAX;
  CHECK(calls_time_explained(std::vector<TestTiming>{
            {ms, most, most}, {most, most, most}, {ms, most, most}, {most, 0, 0}}) ==
        std::vector<bool>{true, true, true, false});
  CHECK(calls_time_explained(std::vector<TestTiming>{}).empty());
}

TEST_CASE("e2e: hidden tests never leak data into the JSON report") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c, "def add(a, b):\n    print('leak', a, b)\n    return 0\n");
  auto j = report_json(c, r);
  std::string text = j.dump();
  CHECK(j["verdict"] == "WA");
  CHECK(j["tests"][0].contains("input"));        // the sample shows its input
  CHECK_FALSE(j["tests"][1].contains("input"));  // hidden tests do not
  CHECK_FALSE(j["tests"][1].contains("stdout"));
  CHECK(text.find("123456789012345678901234567890") == std::string::npos);
  CHECK(j["tests"][1]["message"] == "wrong answer");
}

TEST_CASE("e2e: a missing harness is an internal error, never the candidate's") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  JudgeOptions options;
  options.harness_exe = "/nonexistent/pyjudge-harness";
  Report r = judge::judge(c, Submission{"a.py", "def add(a, b): return a + b\n"}, options);
  CHECK(r.verdict == Verdict::IE);
  CHECK(r.message.find("cannot start the harness") != std::string::npos);
}

TEST_CASE("e2e: a candidate's own type names and messages never reach hidden tests") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(
      c,
      "def add(a, b):\n"
      "    if (a, b) == (1, 2):\n"
      "        raise ValueError('\\x1b]0;owned\\x07\\x1b[2J')\n"
      "    raise type(f'Leak_a={a}_b={b}', (KeyError,), {})(f'secret {a}')\n");
  REQUIRE(r.tests.size() == 3);
  CHECK(r.tests[0].message.find("ValueError") != std::string::npos);  // samples: full text
  for (size_t i = 1; i < 3; ++i) {
    CHECK(r.tests[i].verdict == Verdict::RE);
    CHECK(r.tests[i].message == "KeyError at line 4 in add");  // builtin base class only
    CHECK(r.tests[i].detail.empty());
  }
  std::ostringstream tty;
  print_report(tty, c, r, TtyStyle{false});
  CHECK(tty.str().find('\x1b') == std::string::npos);  // escapes shown, not sent
  CHECK(tty.str().find("\\x1b]0;owned") != std::string::npos);
  CHECK(tty.str().find("Leak_") == std::string::npos);
  CHECK(report_json(c, r).dump().find("Leak_") == std::string::npos);
}

TEST_CASE("e2e: the judge idles while a child sleeps with its pipes closed") {
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  Report r = testing::judge_source(c,
                                   "import os, time\n"
                                   "def add(a, b):\n"
                                   "    os.close(1); os.close(2); os.close(4)\n"
                                   "    time.sleep(5)\n");
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  double cpu =
      secs(after.ru_utime) - secs(before.ru_utime) + secs(after.ru_stime) - secs(before.ru_stime);
  CHECK(r.tests[0].verdict == Verdict::TLE);
  CHECK(cpu < 0.5);  // ~3 s of waiting must not be spent spinning on closed pipes
}
