#include <doctest/doctest.h>

#include "judge/spec.hpp"
#include "support.hpp"

using namespace pyjudge::judge;
using pyjudge::Expected;
using pyjudge::testing::ScopedTempDir;

namespace {

const char* k_reference = "def add(a, b):\n    return a + b\n";

// Writes DIR/add/challenge.yaml (+ reference.py unless told not to) and loads it.
Expected<Challenge> load_text(const ScopedTempDir& tmp, const std::string& yaml,
                              bool with_reference = true) {
  tmp.write("add/challenge.yaml", yaml);
  if (with_reference) {
    tmp.write("add/reference.py", k_reference);
  }
  return load_challenge(tmp.path() / "add");
}

const std::string k_head =
    "id: add\n"
    "title: Add\n"
    "difficulty: easy\n"
    "statement: Add two numbers.\n"
    "kind: function\n"
    "entry: add\n"
    "signature: \"def add(a: int, b: int) -> int\"\n"
    "reference: reference.py\n";

// The error must start with file:line:col and contain `text`.
void check_error(const Expected<Challenge>& c, const ScopedTempDir& tmp, int line, int col,
                 const std::string& text) {
  REQUIRE_FALSE(c.ok());
  std::string where = (tmp.path() / "add" / "challenge.yaml").string() + ":" +
                      std::to_string(line) + ":" + std::to_string(col) + ": ";
  INFO("error: " << c.error().message);
  CHECK(c.error().message.starts_with(where));
  CHECK(c.error().message.find(text) != std::string::npos);
}

}  // namespace

TEST_CASE("spec: a valid spec loads into a typed model") {
  ScopedTempDir tmp;
  auto c = load_text(tmp, k_head +
                              "compare: float(1e-6)\n"
                              "limits: {time_ms: 500, memory_mb: 64}\n"
                              "tests:\n"
                              "  - {name: one, sample: true, args: [1, 2], expected: 3}\n"
                              "  - {name: two, args: [1, 99999999999999999999], expected: "
                              "100000000000000000000, points: 5}\n");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(c->id == "add");
  CHECK(c->compare.mode == CompareMode::floating);
  CHECK(c->compare.abs_tol == doctest::Approx(1e-6));
  CHECK(c->limits.time_ms == 500);
  CHECK(c->limits.memory_mb == 64);
  REQUIRE(c->tests.size() == 2);
  CHECK(c->tests[0].sample);
  CHECK(c->tests[0].points == 0);
  CHECK(c->tests[1].points == 5);
  CHECK(repr(c->tests[1].calls[0].args[1]) == "99999999999999999999");
}

TEST_CASE("spec: bad YAML") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests: [\n  {name: a\n"), tmp, 11, 1, "YAML syntax error");
}

TEST_CASE("spec: unknown key") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tset: []\n"), tmp, 9, 1, "unknown key `tset`");
  check_error(
      load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2], expected: 3, hidden: true}\n"),
      tmp, 10, 42, "unknown key `hidden` in test");
}

TEST_CASE("spec: duplicate key") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "title: Again\n"), tmp, 9, 1, "duplicate key `title`");
}

TEST_CASE("spec: wrong type of a field") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "limits: {time_ms: fast}\n"), tmp, 9, 19,
              "`time_ms` must be a whole number from 10 to 60000, got `fast`");
  check_error(load_text(tmp, k_head + "tags: array\n"), tmp, 9, 7, "`tags` must be a list");
  check_error(
      load_text(tmp, k_head + "tests:\n  - {name: a, sample: maybe, args: [1, 2], expected: 3}\n"),
      tmp, 10, 23, "`sample` must be true or false");
  check_error(load_text(tmp, k_head + "compare: fuzzy\n"), tmp, 9, 10,
              "compare `fuzzy` is not one of");
}

TEST_CASE("spec: missing entry and other required keys") {
  ScopedTempDir tmp;
  std::string no_entry = k_head;
  no_entry.erase(no_entry.find("entry: add\n"), 11);
  check_error(load_text(tmp, no_entry + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 1,
              1, "missing required key `entry`");
  check_error(load_text(tmp, k_head), tmp, 1, 1, "missing required key `tests`");
}

TEST_CASE("spec: entry and signature disagree") {
  ScopedTempDir tmp;
  std::string yaml = k_head;
  yaml.replace(yaml.find("entry: add"), 10, "entry: plus");
  check_error(load_text(tmp, yaml + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 7, 12,
              "signature defines `add` but entry is `plus`");
}

TEST_CASE("spec: bad signature points into it") {
  ScopedTempDir tmp;
  std::string yaml = k_head;
  yaml.replace(yaml.find("b: int)"), 7, "b: nat)");
  check_error(load_text(tmp, yaml + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 7, 32,
              "unknown type `nat`");
}

TEST_CASE("spec: expected value of the wrong shape") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2], expected: [3]}\n"), tmp,
              10, 39, "test `a`: expected value: expected int, got a list");
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2], expected: \"3\"}\n"),
              tmp, 10, 39, "expected int, got str '3'");
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2.5], expected: 3}\n"), tmp,
              10, 25, "argument `b`: expected int, got float 2.5");
}

TEST_CASE("spec: wrong number of arguments") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2, 3], expected: 6}\n"), tmp,
              10, 21, "add takes 2 arguments (a, b), got 3");
}

TEST_CASE("spec: reference file missing") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests: [{name: a, args: [1, 2], expected: 3}]\n", false),
              tmp, 8, 12, "reference file");
}

TEST_CASE("spec: duplicate test names and id mismatch") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2], expected: 3}\n"
                                      "  - {name: a, args: [2, 2], expected: 4}\n"),
              tmp, 11, 12, "duplicate test name `a`");
  std::string yaml = k_head;
  yaml.replace(yaml.find("id: add"), 7, "id: sum");
  check_error(load_text(tmp, yaml + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 1, 5,
              "does not match the folder name");
}

TEST_CASE("spec: class kind checks ops against the signature") {
  ScopedTempDir tmp;
  const std::string head =
      "id: add\ntitle: Counter\ndifficulty: easy\nstatement: Count.\nkind: class\nentry: Counter\n"
      "signature: |\n  class Counter:\n      def __init__(self, start: int) -> None\n"
      "      def incr(self) -> int\nreference: reference.py\n";
  auto ok = load_text(tmp, head +
                               "tests:\n  - {name: a, ops: [Counter, incr], args: [[1], []], "
                               "expected: [null, 2]}\n");
  REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
  CHECK(ok->tests[0].calls.size() == 2);
  check_error(load_text(tmp, head + "tests:\n  - {name: a, ops: [Counter, decr], args: [[1], []], "
                                    "expected: [null, 2]}\n"),
              tmp, 13, 30, "op `decr` is not a method of Counter (methods: incr)");
  check_error(load_text(tmp, head + "tests:\n  - {name: a, ops: [Count, incr], args: [[1], []], "
                                    "expected: [null, 2]}\n"),
              tmp, 13, 21, "the first op must be the class name `Counter`");
  check_error(load_text(tmp, head + "tests:\n  - {name: a, ops: [Counter, incr], args: [[1]], "
                                    "expected: [null, 2]}\n"),
              tmp, 13, 5, "must have the same length");
  check_error(load_text(tmp, head + "tests:\n  - {name: a, ops: [Counter, incr], args: [[1], []], "
                                    "expected: [null, x]}\n"),
              tmp, 13, 71, "expected int, got str 'x'");
}

TEST_CASE("spec: signature-typed values") {
  ScopedTempDir tmp;
  tmp.write("add/reference.py", k_reference);
  tmp.write("add/challenge.yaml",
            "id: add\ntitle: T\ndifficulty: hard\nstatement: S\nkind: function\nentry: add\n"
            "signature: \"def add(a: tuple[int, str], b: set[int]) -> Optional[float]\"\n"
            "reference: reference.py\n"
            "tests:\n"
            "  - {name: a, args: [[1, yes], [3, 1, 3]], expected: 2}\n"
            "  - {name: b, args: [[1, \"2\"], []], expected: null}\n");
  auto c = load_challenge(tmp.path() / "add");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(repr(c->tests[0].calls[0].args[0]) == "(1, 'yes')");  // str param takes plain text
  CHECK(repr(c->tests[0].calls[0].args[1]) == "{1, 3}");
  CHECK(repr(c->tests[0].calls[0].expected) == "2.0");  // int promoted to float
  CHECK(c->tests[1].calls[0].expected.is_none());
}

TEST_CASE("spec: every bundled challenge loads") {
  for (const char* id : {"two-sum", "lru-cache", "group-anagrams"}) {
    CAPTURE(id);
    auto c = load_challenge(pyjudge::testing::source_dir() / "challenges" / id);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
    size_t samples = 0;
    for (const auto& t : c->tests) {
      samples += t.sample ? 1 : 0;
    }
    CHECK(samples >= 2);
    CHECK(c->tests.size() - samples >= 12);
  }
}

TEST_CASE("spec: finding challenges") {
  auto root = pyjudge::testing::source_dir() / "challenges";
  CHECK(find_challenge("two-sum", root).ok());
  auto missing = find_challenge("three-sum", root);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("two-sum") != std::string::npos);  // lists what exists
  CHECK(find_challenge((root / "lru-cache").string(), "/nonexistent").ok());
  CHECK(find_challenge((root / "lru-cache" / "challenge.yaml").string(), "/nonexistent").ok());
}

TEST_CASE("spec: set elements and dict keys must be hashable") {
  ScopedTempDir tmp;
  tmp.write("add/reference.py", k_reference);
  const std::string head =
      "id: add\ntitle: T\ndifficulty: easy\nstatement: S\nkind: function\nentry: add\n"
      "reference: reference.py\n";
  tmp.write("add/challenge.yaml", head +
                                      "signature: \"def add(a: set[list[int]]) -> int\"\n"
                                      "tests: [{name: t, args: [[[1], [2]]], expected: 1}]\n");
  check_error(load_challenge(tmp.path() / "add"), tmp, 9, 27, "a set element must be hashable");
  tmp.write("add/challenge.yaml", head +
                                      "signature: \"def add(a: Any) -> int\"\n"
                                      "tests: [{name: t, args: [{[1]: 2}], expected: 1}]\n");
  check_error(load_challenge(tmp.path() / "add"), tmp, 9, 27, "a dict key must be hashable");
  tmp.write("add/challenge.yaml",
            head +
                "signature: \"def add(a: dict[str, int]) -> int\"\n"
                "tests: [{name: t, args: [{x: 1, y: 2, x: 3}], expected: 1}]\n");
  check_error(load_challenge(tmp.path() / "add"), tmp, 9, 39, "duplicate key 'x'");
}

TEST_CASE("spec: YAML alias bombs are refused, not expanded") {
  ScopedTempDir tmp;
  tmp.write("add/reference.py", k_reference);
  // Ten levels of ten aliases each: 10^10 elements if expanded. Anchors are defined inside
  // the argument list itself, before their use.
  std::string defs = "[&a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]";
  for (int i = 1; i < 10; ++i) {
    defs += ", &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) {
      defs += (k ? ", *a" : "*a") + std::to_string(i - 1);
    }
    defs += "]";
  }
  defs += "]";
  tmp.write("add/challenge.yaml",
            "id: add\ntitle: T\ndifficulty: easy\nstatement: S\nkind: function\nentry: add\n"
            "reference: reference.py\nsignature: \"def add(a: Any) -> int\"\n"
            "tests:\n  - {name: t, args: [" +
                defs + "], expected: 1}\n");
  auto c = load_challenge(tmp.path() / "add");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("YAML aliases") != std::string::npos);
}
