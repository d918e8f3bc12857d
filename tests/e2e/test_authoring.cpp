// Tools for challenge authors, end to end: Kattis packages, `pyjudge validate`,
// `pyjudge new`, generated tests and their cache, custom checkers that fail.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "judge/cli.hpp"
#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/kattis.hpp"
#include "support.hpp"

using namespace pyjudge;
using namespace pyjudge::judge;
using pyjudge::testing::ScopedTempDir;
namespace fs = std::filesystem;

namespace {

using Run = testing::CliRun;
using testing::cli;
using testing::harness_flag;

fs::path kattis(const std::string& id) {
  return testing::fixtures() / "kattis" / id;
}

// A cache folder of its own for each test (the CLI reads $PYJUDGE_CACHE).
struct CacheEnv {
  ScopedTempDir dir;
  CacheEnv() { setenv("PYJUDGE_CACHE", dir.path().c_str(), 1); }
  ~CacheEnv() { unsetenv("PYJUDGE_CACHE"); }
  CacheEnv(const CacheEnv&) = delete;
  CacheEnv& operator=(const CacheEnv&) = delete;
};

void copy_fixture(const std::string& id, const fs::path& to) {
  fs::copy(testing::fixtures() / "challenges" / id, to / id, fs::copy_options::recursive);
}

void append(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::app) << text;
}

}  // namespace

TEST_CASE("kattis: every submission of a package gets its folder's verdict") {
  for (const char* id : {"add-two", "mean-float"}) {
    Challenge c = testing::load_or_die(kattis(id));
    CHECK(c.kattis);
    CHECK(c.kind == ChallengeKind::program);
    JudgeOptions options;
    options.harness_exe = testing::harness_exe();
    auto ref = read_submission(c.reference);
    REQUIRE(ref.ok());
    Report r = judge::judge(c, *ref, options);
    INFO(id << " reference: " << testing::first_message(r));
    CHECK(r.verdict == Verdict::AC);
    REQUIRE_FALSE(c.wrong.empty());
    for (const WrongSolution& w : c.wrong) {
      auto sub = read_submission(w.file);
      REQUIRE(sub.ok());
      Report wr = judge::judge(c, *sub, options);
      INFO(w.file.string() << ": got " << to_string(wr.verdict) << " — "
                           << testing::first_message(wr));
      CHECK(wr.verdict == w.expect);
    }
  }
}

TEST_CASE("kattis: limits, validator flags and test order come from the package") {
  Challenge add = testing::load_or_die(kattis("add-two"));
  CHECK(add.limits.time_ms == 1000);  // .timelimit
  CHECK_FALSE(add.compare.output.case_sensitive);
  CHECK(add.tests.front().name == "sample/1");
  CHECK(add.tests.front().sample);
  CHECK(add.tests.back().name == "secret/08-slow-count");
  CHECK_FALSE(add.tests.back().sample);
  Challenge mean = testing::load_or_die(kattis("mean-float"));
  CHECK(mean.limits.time_ms == 2000);  // problem.yaml limits.time_limit
  CHECK(mean.compare.output.has_tolerance);
  CHECK(mean.compare.abs_tol == doctest::Approx(1e-6));
}

TEST_CASE("kattis: submit and --json work on a package folder") {
  Run ok = cli({"submit", kattis("add-two").string(),
                (kattis("add-two") / "submissions" / "accepted" / "sol_open0.py").string(),
                harness_flag(), "--json"});
  INFO(ok.err);
  CHECK(ok.status == 0);
  auto j = nlohmann::json::parse(ok.out);
  CHECK(j["verdict"] == "AC");
  Run wa = cli({"submit", (kattis("add-two") / "problem.yaml").string(),
                (kattis("add-two") / "submissions" / "wrong_answer" / "difference.py").string(),
                harness_flag(), "--color=never"});
  CHECK(wa.status == 1);
  CHECK(wa.out.find("WA") != std::string::npos);
}

TEST_CASE("kattis: malformed packages are refused with the place and the fix") {
  ScopedTempDir tmp;
  fs::copy(kattis("add-two"), tmp.path() / "p", fs::copy_options::recursive);
  append(tmp.path() / "p" / "problem.yaml", "validator_flags: float_tolerance\n");
  auto c = load_challenge(tmp.path() / "p");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("validator flag `float_tolerance` needs a value") !=
        std::string::npos);

  ScopedTempDir tmp2;
  fs::copy(kattis("add-two"), tmp2.path() / "p", fs::copy_options::recursive);
  std::ofstream(tmp2.path() / "p" / "problem.yaml") << "name: X\nvalidation: custom\n";
  c = load_challenge(tmp2.path() / "p");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("problem.yaml:2:13: validation `custom` is not supported") !=
        std::string::npos);

  fs::remove(tmp2.path() / "p" / "data" / "secret" / "02-zero.ans");
  std::ofstream(tmp2.path() / "p" / "problem.yaml") << "name: X\n";
  c = load_challenge(tmp2.path() / "p");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("02-zero.in: no answer file 02-zero.ans") != std::string::npos);

  // Limits outside what pyjudge judges with, a key given twice, an answer that is not text:
  // each refused where it is, never clamped or passed on.
  ScopedTempDir tmp3;
  fs::path p = tmp3.path() / "p";
  fs::copy(kattis("add-two"), p, fs::copy_options::recursive);
  std::ofstream(p / "problem.yaml") << "name: X\nlimits: {memory: 100000000}\n";
  c = load_challenge(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("problem.yaml:2:18: a memory limit of 1e+08 MB is outside") !=
        std::string::npos);
  std::ofstream(p / "problem.yaml") << "name: X\nname: Y\n";
  c = load_challenge(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("problem.yaml:2:1: duplicate key `name`") != std::string::npos);
  std::ofstream(p / "problem.yaml") << "name: X\nname: \xff\n";
  c = load_challenge(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("problem.yaml:2:7: not UTF-8 text here") != std::string::npos);
  std::ofstream(p / "problem.yaml") << "name: X\n";
  std::ofstream(p / ".timelimit") << "1e30\n";
  c = load_challenge(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("a time limit of 1e+30 s is outside") != std::string::npos);
  fs::remove(p / ".timelimit");
  std::ofstream(p / "data" / "secret" / "01-small.ans") << "\xff\xfe\n";
  c = load_challenge(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("01-small.ans: not UTF-8 text") != std::string::npos);
}

TEST_CASE("validate: fixtures, bundled challenges and Kattis packages are valid") {
  CacheEnv cache;
  std::vector<std::string> args = {"validate", harness_flag()};
  for (const char* id : {"fib-gen", "squares-gen", "topo-order", "retry-decorator"}) {
    args.push_back((testing::fixtures() / "challenges" / id).string());
  }
  args.push_back(kattis("add-two").string());
  args.push_back("two-sum");
  Run r = cli(args);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find("deterministic: 3 cases generated twice, identical") != std::string::npos);
  auto tle = r.out.find("submissions/time_limit_exceeded/count_up.py");
  REQUIRE(tle != std::string::npos);
  CHECK(r.out.find("TLE as declared", tle) < r.out.find('\n', tle));
}

TEST_CASE("validate: each failed check is named, and the exit status is not 0") {
  CacheEnv cache;
  ScopedTempDir tmp;
  copy_fixture("reverse-list", tmp.path());
  fs::path dir = tmp.path() / "reverse-list";
  // An undeclared wrong solution, and a declared verdict that does not happen.
  std::ofstream(dir / "wrong" / "extra.py") << "def reverse_list(head):\n    return head\n";
  std::string spec;
  {
    std::ifstream in(dir / "challenge.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    spec = ss.str();
  }
  auto at = spec.find("expect: WA");
  REQUIRE(at != std::string::npos);
  spec.replace(at, 10, "expect: TLE");
  std::ofstream(dir / "challenge.yaml") << spec;
  Run r = cli({"validate", harness_flag(), dir.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("FAIL wrong/") != std::string::npos);
  CHECK(r.out.find("wrong/extra.py") != std::string::npos);
  CHECK(r.out.find("declared TLE, got WA") != std::string::npos);
  CHECK(r.out.find("NOT valid") != std::string::npos);

  // A reference that fails, and a challenge without samples.
  std::ofstream(dir / "reference.py") << "def reverse_list(head):\n    return head\n";
  Run json = cli({"validate", harness_flag(), "--json", dir.string()});
  CHECK(json.status == 1);
  auto j = nlohmann::json::parse(json.out);
  bool reference_failed = false;
  for (const auto& check : j[0]["checks"]) {
    if (check["check"] == "reference") {
      reference_failed = !check["ok"].get<bool>();
      CHECK(check["detail"].get<std::string>().find("must pass every test, got WA") !=
            std::string::npos);
    }
  }
  CHECK(reference_failed);

  // A malformed spec: exit 2 with file:line:col.
  std::ofstream(dir / "challenge.yaml") << "id: reverse-list\nkind: [\n";
  Run bad = cli({"validate", harness_flag(), dir.string()});
  CHECK(bad.status == 2);
  CHECK(bad.out.find("challenge.yaml:3:1: YAML syntax error") != std::string::npos);
}

TEST_CASE("validate: the performance section is generated and the reference timed at every size") {
  CacheEnv cache;
  ScopedTempDir tmp;
  fs::copy(testing::source_dir() / "challenges" / "sum-of-squares", tmp.path() / "sum-of-squares",
           fs::copy_options::recursive);
  fs::path dir = tmp.path() / "sum-of-squares";
  Run ok = cli({"validate", harness_flag(), dir.string()});
  INFO(ok.out << ok.err);
  CHECK(ok.status == 0);
  CHECK(ok.out.find("ok   performance") != std::string::npos);
  CHECK(ok.out.find("6 sizes, n = 16384 to 524288") != std::string::npos);
  // A generator that fails at the larger sizes would leave every candidate untimed.
  std::ofstream(dir / "generator.py", std::ios::trunc)
      << "def generate(seed, n):\n    if n > 100000:\n        raise ValueError('too big')\n"
         "    return [n]\n";
  Run bad = cli({"validate", harness_flag(), dir.string()});
  INFO(bad.out << bad.err);
  CHECK(bad.status == 1);
  CHECK(bad.out.find("FAIL performance") != std::string::npos);
  CHECK(bad.out.find("too big") != std::string::npos);
  // Timed at every size, but too slow at the largest: each candidate would wait on it.
  std::ofstream(dir / "generator.py", std::ios::trunc)
      << "def generate(seed, n):\n    return [n]\n";
  std::ofstream(dir / "reference.py", std::ios::trunc)
      << "import time\n"
         "def sum_of_squares(n):\n"
         "    if n == 524288:\n"
         "        start = time.thread_time()\n"
         "        while time.thread_time() - start < 0.3:\n"
         "            pass\n"
         "    return n * (n + 1) * (2 * n + 1) // 6\n";
  Run slow = cli({"validate", harness_flag(), dir.string()});
  INFO(slow.out << slow.err);
  CHECK(slow.status == 1);
  CHECK(slow.out.find("ok   reference") != std::string::npos);
  CHECK(slow.out.find("a call at n = 524288, over 0.25 s") != std::string::npos);
}

TEST_CASE("validate: a generator that is not deterministic is caught") {
  CacheEnv cache;
  ScopedTempDir tmp;
  copy_fixture("squares-gen", tmp.path());
  fs::path dir = tmp.path() / "squares-gen";
  std::ofstream(dir / "generator.py") << "import time\n"
                                         "def generate(seed, n):\n"
                                         "    return [[time.perf_counter_ns() % 1000 for _ in "
                                         "range(n)]]\n";
  Run r = cli({"validate", harness_flag(), dir.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("not deterministic: case") != std::string::npos);
}

TEST_CASE("new: a scaffold of every kind validates as it is, and nothing is overwritten") {
  CacheEnv cache;
  ScopedTempDir tmp;
  for (const char* kind : {"function", "class", "generator", "script", "program"}) {
    std::string id = std::string("my-") + kind;
    Run made = cli({"new", id, "--kind", kind, "--dir", tmp.path().string()});
    INFO(kind << ": " << made.out << made.err);
    REQUIRE(made.status == 0);
    Run v = cli({"validate", harness_flag(), (tmp.path() / id).string()});
    INFO(v.out << v.err);
    CHECK(v.status == 0);
  }
  std::ofstream(tmp.path() / "my-function" / "reference.py", std::ios::app) << "# edited\n";
  Run again = cli({"new", "my-function", "--dir", tmp.path().string()});
  CHECK(again.status == 2);
  CHECK(again.err.find("already exists") != std::string::npos);
  std::ifstream kept(tmp.path() / "my-function" / "reference.py");
  std::stringstream ss;
  ss << kept.rdbuf();
  CHECK(ss.str().find("# edited") != std::string::npos);
  Run bad_id = cli({"new", "My Challenge", "--dir", tmp.path().string()});
  CHECK(bad_id.status == 2);
  CHECK(bad_id.err.find("lower-case words joined by hyphens") != std::string::npos);
  Run no_dir = cli({"new", "my-other", "--dir", (tmp.path() / "nope").string()});
  CHECK(no_dir.status == 2);
  CHECK(no_dir.err.find("nope: no such folder; create it first") != std::string::npos);
  // A folder of the user's under the name an older pyjudge wrote into first is left alone.
  fs::create_directories(tmp.path() / ".my-other.new");
  std::ofstream(tmp.path() / ".my-other.new" / "notes.txt") << "mine\n";
  CHECK(cli({"new", "my-other", "--dir", tmp.path().string()}).status == 0);
  CHECK(testing::read_file(tmp.path() / ".my-other.new" / "notes.txt") == "mine\n");
  CHECK(fs::exists(tmp.path() / "my-other" / "challenge.yaml"));
}

TEST_CASE("generated: tests come from the cache until the spec, generator or reference change") {
  ScopedTempDir tmp;
  ScopedTempDir cache;
  copy_fixture("squares-gen", tmp.path());
  fs::path dir = tmp.path() / "squares-gen";
  GenerateOptions go{testing::harness_exe(), cache.path(), false};
  Challenge first = testing::load_or_die(dir);
  bool from_cache = true;
  REQUIRE_FALSE(materialize(first, go, &from_cache));
  CHECK_FALSE(from_cache);
  Challenge second = testing::load_or_die(dir);
  REQUIRE_FALSE(materialize(second, go, &from_cache));
  CHECK(from_cache);
  REQUIRE(first.tests.size() == second.tests.size());
  for (size_t i = 0; i < first.tests.size(); ++i) {
    CHECK(to_wire(Value::tuple(first.tests[i].calls[0].args)) ==
          to_wire(Value::tuple(second.tests[i].calls[0].args)));
    CHECK(to_wire(first.tests[i].calls[0].expected) == to_wire(second.tests[i].calls[0].expected));
  }
  append(dir / "reference.py", "\n# a change\n");
  Challenge third = testing::load_or_die(dir);
  REQUIRE_FALSE(materialize(third, go, &from_cache));
  CHECK_FALSE(from_cache);
  // A corrupt cache file is ignored and rewritten.
  for (const auto& e : fs::directory_iterator(cache.path())) {
    std::ofstream(e.path(), std::ios::trunc) << "garbage";
  }
  Challenge fourth = testing::load_or_die(dir);
  REQUIRE_FALSE(materialize(fourth, go, &from_cache));
  CHECK_FALSE(from_cache);
  CHECK(fourth.tests.size() == first.tests.size());
  // So is one whose structure holds but one byte of a value changed (a flipped bit): its
  // expected values would fail correct solutions.
  size_t flipped = 0;
  for (const auto& e : fs::directory_iterator(cache.path())) {
    std::string bytes = testing::read_file(e.path());
    if (bytes.size() > 200) {  // the file just rewritten, not the earlier key's garbage
      bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 1);
      std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << bytes;
      ++flipped;
    }
  }
  REQUIRE(flipped == 1);
  Challenge fifth = testing::load_or_die(dir);
  REQUIRE_FALSE(materialize(fifth, go, &from_cache));
  CHECK_FALSE(from_cache);
  REQUIRE(fifth.tests.size() == fourth.tests.size());
  for (size_t i = 0; i < fifth.tests.size(); ++i) {
    CHECK(to_wire(fifth.tests[i].calls[0].expected) == to_wire(fourth.tests[i].calls[0].expected));
  }
}

TEST_CASE("generated: a failing generator or reference names the case") {
  ScopedTempDir tmp;
  ScopedTempDir cache;
  copy_fixture("squares-gen", tmp.path());
  fs::path dir = tmp.path() / "squares-gen";
  GenerateOptions go{testing::harness_exe(), cache.path(), false};
  std::ofstream(dir / "generator.py") << "def generate(seed, n):\n    return [['x'] * n]\n";
  Challenge c = testing::load_or_die(dir);
  auto err = materialize(c, go);
  REQUIRE(err);
  CHECK(err->find("generated case") != std::string::npos);
  CHECK(err->find("argument `nums`: at [0]: expected int, got str 'x'") != std::string::npos);

  std::ofstream(dir / "generator.py") << "def generate(seed, n):\n    return [list(range(n))]\n";
  std::ofstream(dir / "reference.py") << "def squares(nums):\n    return 1 / 0\n";
  Challenge c2 = testing::load_or_die(dir);
  err = materialize(c2, go);
  REQUIRE(err);
  CHECK(err->find("the reference solution reference.py fails it: RE") != std::string::npos);

  // An answer that does not fit the signature would fail every correct candidate.
  std::ofstream(dir / "reference.py")
      << "def squares(nums):\n    return None if len(nums) > 2 else [x * x for x in nums]\n";
  Challenge c3 = testing::load_or_die(dir);
  err = materialize(c3, go);
  REQUIRE(err);
  CHECK(err->find("the reference solution reference.py fails it: WA returned a value that does "
                  "not fit the signature: expected list[int], got None") != std::string::npos);
}

TEST_CASE("checker: a checker that fails is an internal error, never the candidate's") {
  ScopedTempDir tmp;
  copy_fixture("topo-order", tmp.path());
  fs::path dir = tmp.path() / "topo-order";
  std::ofstream(dir / "checker.py") << "def check(input, expected, got):\n    return 'yes'\n";
  Challenge c = testing::load_or_die(dir);
  auto ref = read_submission(c.reference);
  REQUIRE(ref.ok());
  JudgeOptions options;
  options.harness_exe = testing::harness_exe();
  Report r = judge::judge(c, *ref, options);
  CHECK(r.verdict == Verdict::IE);
  CHECK(testing::first_message(r).find("check() must return a bool or (bool, message)") !=
        std::string::npos);
  std::ofstream(dir / "checker.py") << "def check(input, expected, got):\n    return {}[1]\n";
  Challenge c2 = testing::load_or_die(dir);
  Report r2 = judge::judge(c2, *ref, options);
  CHECK(r2.verdict == Verdict::IE);
  CHECK(testing::first_message(r2).find("the challenge's checker failed: raised KeyError") !=
        std::string::npos);
  // Printing past the checker's output limit (256 MB) while it loads: the author's fault too.
  std::ofstream(dir / "checker.py") << "for _ in range(300):\n    print('x' * (1 << 20))\n"
                                       "def check(input, expected, got):\n    return True\n";
  Challenge c3 = testing::load_or_die(dir);
  Report r3 = judge::judge(c3, *ref, options);
  CHECK(r3.verdict == Verdict::IE);
  CHECK(testing::first_message(r3).find(
            "the challenge's checker failed: it printed more than the output limit while "
            "loading") != std::string::npos);
}

TEST_CASE("checker: a program's output can be judged by a custom checker") {
  ScopedTempDir tmp;
  tmp.write("pair/challenge.yaml",
            "id: pair\ntitle: Pair\ndifficulty: easy\nstatement: Print two numbers that sum to N.\n"
            "kind: program\nchecker: checker.py\nreference: reference.py\n"
            "tests:\n"
            "  - {name: ten, sample: true, input: \"10\\n\"}\n"
            "  - {name: big, input: \"1000000000000\\n\"}\n");
  tmp.write("pair/reference.py", "n = int(input())\nprint(1, n - 1)\n");
  tmp.write("pair/checker.py",
            "def check(input, expected, got):\n"
            "    n = int(input)\n"
            "    parts = got.split()\n"
            "    if len(parts) != 2 or not all(p.lstrip('-').isdigit() for p in parts):\n"
            "        return False, 'print two integers'\n"
            "    a, b = map(int, parts)\n"
            "    return a + b == n, f'{a} + {b} is not {n}'\n");
  Challenge c = testing::load_or_die(tmp.path() / "pair");
  CHECK_FALSE(c.tests[0].calls[0].has_expected);
  Report ok = testing::judge_source(c, "n = int(input())\nprint(n // 2, n - n // 2)\n");
  INFO(testing::first_message(ok));
  CHECK(ok.verdict == Verdict::AC);
  Report wrong = testing::judge_source(c, "n = int(input())\nprint(n, 1)\n");
  CHECK(wrong.verdict == Verdict::WA);
  CHECK(wrong.tests[0].message == "10 + 1 is not 10");  // a sample: the checker's words
  CHECK(wrong.tests[1].message == "wrong answer");      // hidden
  Report bytes = testing::judge_source(c, "import sys\nsys.stdout.buffer.write(b'\\xff\\n')\n");
  CHECK(bytes.verdict == Verdict::WA);
  CHECK(bytes.tests[0].message.find("not UTF-8") != std::string::npos);
}

TEST_CASE("generated: class, generator and program kinds take their own input shapes") {
  ScopedTempDir tmp;
  ScopedTempDir cache;
  GenerateOptions go{testing::harness_exe(), cache.path(), false};
  const std::string head =
      "title: t\ndifficulty: easy\nstatement: s\nreference: reference.py\n"
      "generated:\n  generator: gen.py\n";

  tmp.write("stack/challenge.yaml",
            "id: stack\n" + head +
                "  cases: [{seed: 1, params: {n: 50}}, {seed: 2, params: {n: 500}}]\n"
                "kind: class\nentry: Stack\nsignature: |\n  class Stack:\n"
                "      def __init__(self) -> None\n      def push(self, x: int) -> None\n"
                "      def pop(self) -> int\n");
  tmp.write("stack/gen.py",
            "import random\n"
            "def generate(seed, n):\n"
            "    rng = random.Random(seed)\n"
            "    ops, args, size = ['Stack'], [[]], 0\n"
            "    for _ in range(n):\n"
            "        if size and rng.random() < 0.4:\n"
            "            ops.append('pop'); args.append([]); size -= 1\n"
            "        else:\n"
            "            ops.append('push'); args.append([rng.randint(0, 99)]); size += 1\n"
            "    return [ops, args]\n");
  tmp.write("stack/reference.py",
            "class Stack:\n    def __init__(self): self.s = []\n"
            "    def push(self, x): self.s.append(x)\n    def pop(self): return self.s.pop()\n");
  Challenge stack = testing::load_or_die(tmp.path() / "stack");
  REQUIRE_FALSE(materialize(stack, go));
  REQUIRE(stack.tests.size() == 2);
  CHECK(stack.tests[1].calls.size() == 501);
  Report queue = testing::judge_source(
      stack,
      "class Stack:\n    def __init__(self): self.s = []\n"
      "    def push(self, x): self.s.append(x)\n    def pop(self): return self.s.pop(0)\n");
  CHECK(queue.verdict == Verdict::WA);

  tmp.write(
      "evens/challenge.yaml",
      "id: evens\n" + head +
          "  cases: [{seed: 1, params: {n: 5}, take: 100}, {seed: 2, params: {n: 7}, "
          "take: 3}]\n"
          "kind: generator\nentry: evens\nsignature: \"def evens(n: int) -> Iterator[int]\"\n");
  tmp.write("evens/gen.py", "def generate(seed, n):\n    return [n]\n");
  tmp.write("evens/reference.py", "def evens(n):\n    for i in range(n):\n        yield 2 * i\n");
  Challenge evens = testing::load_or_die(tmp.path() / "evens");
  REQUIRE_FALSE(materialize(evens, go));
  CHECK(repr(evens.tests[0].calls[0].expected) == "[0, 2, 4, 6, 8]");  // stopped: 5 of 100
  CHECK(evens.tests[1].calls[0].take == 3);
  CHECK(testing::judge_source(evens,
                              "def evens(n):\n    i = 0\n    while True:\n"
                              "        yield i\n        i += 2\n")
            .verdict == Verdict::WA);  // never stops

  tmp.write("echo/challenge.yaml",
            "id: echo\n" + head + "  cases: [{seed: 3, params: {lines: 1000}}]\nkind: program\n");
  tmp.write("echo/gen.py",
            "def generate(seed, lines):\n"
            "    return ''.join(f'{i} {seed}\\n' for i in range(lines))\n");
  tmp.write("echo/reference.py",
            "import sys\nfor line in sys.stdin:\n"
            "    a, b = map(int, line.split())\n    print(a * b)\n");
  Challenge echo = testing::load_or_die(tmp.path() / "echo");
  REQUIRE_FALSE(materialize(echo, go));
  CHECK(echo.tests[0].calls[0].text.starts_with("0 3\n1 3\n"));
  CHECK(echo.tests[0].calls[0].expected.as_text().starts_with("0\n3\n6\n"));
  CHECK(testing::judge_source(echo,
                              "import sys\nfor line in sys.stdin:\n"
                              "    a, b = map(int, line.split())\n    print(a * b)\n")
            .verdict == Verdict::AC);
}

TEST_CASE("validate: an exception in a script test's code names its line in challenge.yaml") {
  ScopedTempDir tmp;
  fs::copy(testing::fixtures() / "challenges" / "retry-decorator", tmp.path() / "retry-decorator",
           fs::copy_options::recursive);
  fs::path spec = tmp.path() / "retry-decorator" / "challenge.yaml";
  std::string text = testing::read_file(spec);
  // The first sample's code raises before its return.
  const std::string first = "      return [outcome(fetch), flaky.calls, fetch.__name__]\n";
  size_t at = text.find(first);
  REQUIRE(at != std::string::npos);
  text.insert(at, "      x = {}['missing']\n");
  std::ofstream(spec, std::ios::binary | std::ios::trunc) << text;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  Challenge c = testing::load_or_die(spec.parent_path());
  auto ref = read_submission(c.reference);
  REQUIRE(ref.ok());
  Report r = testing::judge_source(c, ref->source, ref->filename);
  REQUIRE(r.tests[0].test->sample);
  CHECK(r.tests[0].verdict == Verdict::RE);
  CHECK(r.tests[0].message ==
        fmt::format("KeyError: 'missing' (in the test's code, challenge.yaml line {})", line));
  // validate shows the author the same, the reference's failure in full.
  Run v = cli({"validate", harness_flag(), spec.parent_path().string()});
  INFO(v.out << v.err);
  CHECK(v.status == 1);
  CHECK(v.out.find(fmt::format("challenge.yaml line {}", line)) != std::string::npos);
}
