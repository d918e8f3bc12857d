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
  // Bytes that are not UTF-8 would be passed on into titles and strings: refused where they are.
  check_error(load_text(tmp, "id: add\ntitle: Two \xc3\xa9 \xff\xfe Sum\n"), tmp, 2, 14,
              "not UTF-8 text");
  // Overlong forms and encoded surrogates are not UTF-8 either.
  check_error(load_text(tmp, "id: add\ntitle: T\xed\xa0\x80\n"), tmp, 2, 9, "not UTF-8 text");
  check_error(load_text(tmp, "id: add\ntitle: a\xc0\xaf\n"), tmp, 2, 9, "not UTF-8 text");
  // A tab in the indentation is named as the cause.
  auto tab = load_text(tmp, k_head + "tests:\n\t- {name: a}\n");
  REQUIRE_FALSE(tab.ok());
  CHECK(tab.error().message.find("indented with a tab: YAML indents with spaces only") !=
        std::string::npos);
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
  check_error(load_text(tmp, k_head), tmp, 1, 1,
              "the challenge has no tests: add `tests`, `groups` or `generated` cases");
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

TEST_CASE("spec: YAML's core schema: hex and octal ints, core tags, no silent inf") {
  ScopedTempDir tmp;
  auto c = load_text(tmp, k_head +
                              "tests:\n"
                              "  - {name: a, args: [0x1f, 0o17], expected: 46}\n");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(repr(c->tests[0].calls[0].args[0]) == "31");
  CHECK(repr(c->tests[0].calls[0].args[1]) == "15");
  // !!str makes text of a number: no longer an int.
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [!!str 1, 2], expected: 3}\n"),
              tmp, 10, 22, "expected int, got str '1'");
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [!!int 1.5, 2], expected: 3}\n"),
              tmp, 10, 22, "`1.5` is not a YAML int");
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [!!null null, 2], expected: "
                                      "3}\n"),
              tmp, 10, 22, "expected int, got null");
  check_error(
      load_text(tmp, k_head + "tests:\n  - {name: a, args: [!!python/object:os.system 1, 2], "
                              "expected: 3}\n"),
      tmp, 10, 22, "the YAML tag `!!python/object:os.system` is not supported");
  const std::string floats = "signature: \"def add(a: float, b: float) -> float\"\n";
  std::string head = k_head;
  head.replace(head.find("signature:"),
               head.find('\n', head.find("signature:")) - head.find("signature:") + 1, floats);
  check_error(load_text(tmp, head + "tests:\n  - {name: a, args: [1e400, 2], expected: 3}\n"), tmp,
              10, 22, "1e400 is beyond the range of a float");
  check_error(load_text(tmp, head + "tests:\n  - {name: a, args: [1" + std::string(400, '0') +
                                 ", 2], expected: 3}\n"),
              tmp, 10, 22, "is beyond the range of a float");
  CHECK(load_text(tmp, head + "tests:\n  - {name: a, args: [.inf, 2], expected: .inf}\n").ok());
}

TEST_CASE("spec: an empty statement, and a title that is not one line, are errors") {
  ScopedTempDir tmp;
  std::string head = k_head;
  head.replace(head.find("statement: Add two numbers."), 27, "statement: \"\"");
  check_error(load_text(tmp, head + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 4, 12,
              "`statement` is empty");
  std::string nul = k_head;
  nul.replace(nul.find("title: Add"), 10, "title: \"A\\0B\"");
  check_error(load_text(tmp, nul + "tests: [{name: a, args: [1, 2], expected: 3}]\n"), tmp, 2, 8,
              "`title` must be one line of text");
}

TEST_CASE("spec: a second YAML document is an error, not dropped") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, k_head + "tests:\n  - {name: a, args: [1, 2], expected: 3}\n"
                                      "---\n"
                                      "tests:\n  - {name: b, args: [1, 2], expected: 4}\n"),
              tmp, 12, 1, "a second YAML document");
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

// ---- the kinds, node types, groups, generated tests and wrong solutions of issue 4 ----

namespace {

// A spec head for any kind (id add, reference.py present).
std::string head(const std::string& kind, const std::string& rest) {
  return "id: add\ntitle: Add\ndifficulty: easy\nstatement: s\nkind: " + kind +
         "\nreference: reference.py\n" + rest;
}

}  // namespace

TEST_CASE("spec: every kind loads, with its own test shape") {
  ScopedTempDir tmp;
  auto gen = load_text(tmp, head("generator",
                                 "entry: add\nsignature: \"def add(n: int) -> Iterator[int]\"\n"
                                 "tests:\n"
                                 "  - {name: a, sample: true, args: [2], expected: [0, 1]}\n"
                                 "  - {name: b, args: [2], take: 5, expected: [0, 1]}\n"));
  REQUIRE_MESSAGE(gen.ok(), (gen.ok() ? "" : gen.error().message));
  CHECK(gen->kind == ChallengeKind::generator);
  // Two items, then it must stop: more are pulled, as many for every such test, so the box
  // cannot tell how many are expected.
  CHECK(gen->tests[0].calls[0].take == 10000);
  CHECK(gen->tests[1].calls[0].take == 5);

  auto script = load_text(tmp, head("script",
                                    "entry: add\nreturns: \"list[int]\"\nhelpers: |\n  x = 1\n"
                                    "tests:\n"
                                    "  - name: a\n"
                                    "    code: |\n"
                                    "      return [solution.add(1, 2)]\n"
                                    "    expected: [3]\n"));
  REQUIRE_MESSAGE(script.ok(), (script.ok() ? "" : script.error().message));
  CHECK(script->helpers_line == 10);
  CHECK(script->tests[0].calls[0].line == 14);  // the line after `code: |`
  CHECK(script->tests[0].calls[0].text == "return [solution.add(1, 2)]\n");

  auto program = load_text(tmp, head("program",
                                     "output: {float_tolerance: 1e-6, case_sensitive: false}\n"
                                     "tests:\n"
                                     "  - {name: a, input: \"1 2\\n\", output: \"3\\n\"}\n"));
  REQUIRE_MESSAGE(program.ok(), (program.ok() ? "" : program.error().message));
  CHECK(program->compare.mode == CompareMode::tokens);
  CHECK(program->compare.output.has_tolerance);
  CHECK_FALSE(program->compare.output.case_sensitive);

  auto in_place = load_text(tmp, head("function",
                                      "entry: add\nsignature: \"def add(m: list[int]) -> None\"\n"
                                      "in_place: m\n"
                                      "tests: [{name: a, args: [[1]], expected: [2]}]\n"));
  REQUIRE_MESSAGE(in_place.ok(), (in_place.ok() ? "" : in_place.error().message));
  CHECK(in_place->observe == 0);
}

TEST_CASE("spec: node types take LeetCode's serialisations") {
  ScopedTempDir tmp;
  auto c = load_text(tmp, head("function",
                               "entry: add\n"
                               "signature: \"def add(l: Optional[ListNode], t: Optional[TreeNode], "
                               "g: Optional[Node]) -> Optional[ListNode]\"\n"
                               "tests:\n"
                               "  - {name: a, args: [[1, 2], [1, null, 2, null, null], [[2], [1]]],"
                               " expected: []}\n"));
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  const Call& call = c->tests[0].calls[0];
  CHECK(call.args[0].kind() == Value::Kind::linked_list);
  CHECK(call.args[1].kind() == Value::Kind::tree);
  CHECK(call.args[1].size() == 3);  // trailing nulls dropped
  CHECK(call.args[2].kind() == Value::Kind::graph);
  CHECK(call.expected.is_none());  // [] is the empty list: None
  CHECK(repr(call.args[0]) == "ListNode[1, 2]");

  std::string sig =
      "entry: add\nsignature: \"def add(t: Optional[TreeNode], g: Node, l: ListNode) -> int\"\n";
  check_error(load_text(tmp, head("function", sig + "tests: [{name: a, args: [[null], [[]], [1]], "
                                                    "expected: 1}]\n")),
              tmp, 9, 27, "the root cannot be null; write [] for an empty tree");
  check_error(load_text(tmp, head("function", sig + "tests: [{name: a, args: [[1, null, null, 4], "
                                                    "[[]], [1]], expected: 1}]\n")),
              tmp, 9, 42, "more values than the nodes above have children");
  check_error(load_text(tmp, head("function", sig + "tests: [{name: a, args: [[1], [[5]], [1]], "
                                                    "expected: 1}]\n")),
              tmp, 9, 32, "neighbour 5 is not a node number from 1 to 1");
  check_error(load_text(tmp, head("function", sig + "tests: [{name: a, args: [[1], [[]], 7], "
                                                    "expected: 1}]\n")),
              tmp, 9, 37, "a ListNode is written as a list, e.g. [1, 2, 3]");
  check_error(
      load_text(tmp, head("function", sig + "tests: [{name: a, args: [[1], [[]], [1, null]], "
                                            "expected: 1}]\n")),
      tmp, 9, 41, "a linked list's values cannot be null");
}

TEST_CASE("spec: keys that do not apply to the kind are errors") {
  ScopedTempDir tmp;
  check_error(load_text(tmp, head("quiz", "")), tmp, 5, 7,
              "kind `quiz` is not one of function, class, generator, script, program");
  check_error(
      load_text(tmp, head("program", "entry: add\ntests: [{name: a, input: x, output: y}]\n")), tmp,
      7, 1, "`entry` does not apply to kind program");
  check_error(
      load_text(tmp, head("program", "compare: set\ntests: [{name: a, input: x, output: y}]\n")),
      tmp, 7, 1,
      "`compare` does not apply to kind program; it is for every kind but "
      "program (which uses `output`)");
  check_error(load_text(tmp, head("class",
                                  "entry: A\nsignature: \"class A:\\n  def f(self) -> int\"\n"
                                  "in_place: x\ntests: []\n")),
              tmp, 9, 1, "`in_place` does not apply to kind class; it is for function");
  check_error(load_text(tmp, head("function",
                                  "entry: add\nsignature: \"def add(a: int) -> int\"\n"
                                  "output: {case_sensitive: true}\n"
                                  "tests: [{name: a, args: [1], expected: 1}]\n")),
              tmp, 9, 1, "`output` does not apply to kind function; it is for program");
  check_error(load_text(tmp, head("script",
                                  "entry: add\nsignature: \"def add() -> int\"\n"
                                  "tests: [{name: a, code: return 1, expected: 1}]\n")),
              tmp, 8, 1, "`signature` does not apply to kind script");
}

TEST_CASE("spec: malformed new fields name the place and the fix") {
  ScopedTempDir tmp;
  const std::string fn = "entry: add\nsignature: \"def add(a: int, b: int) -> int\"\n";
  check_error(load_text(tmp, head("function", fn + "in_place: m\ntests: [{name: a, args: [1, 2], "
                                                   "expected: 3}]\n")),
              tmp, 9, 11, "in_place: `m` is not a parameter of add");
  check_error(load_text(tmp, head("function", fn + "fresh_nodes: maybe\ntests: [{name: a, args: "
                                                   "[1, 2], expected: 3}]\n")),
              tmp, 9, 14, "`fresh_nodes` must be true or false");
  check_error(load_text(tmp, head("generator",
                                  "entry: add\nsignature: \"def add() -> list[int]\"\n"
                                  "tests: [{name: a, args: [], expected: [1]}]\n")),
              tmp, 8, 12, "a generator's signature must return Iterator[T]");
  check_error(load_text(tmp, head("generator",
                                  "entry: add\nsignature: \"def add() -> Iterator[int]\"\n"
                                  "tests: [{name: a, args: [], take: 1, expected: [1, 2]}]\n")),
              tmp, 9, 48, "expected holds 2 items but take is 1");
  check_error(load_text(tmp, head("script",
                                  "entry: add\nreturns: \"lst[int]\"\n"
                                  "tests: [{name: a, code: return 1, expected: 1}]\n")),
              tmp, 8, 10, "returns: unknown type `lst`");
  check_error(load_text(tmp, head("script", "entry: add\ntests: [{name: a, expected: 1}]\n")), tmp,
              8, 9, "missing required key `code`");
  check_error(load_text(tmp, head("program", "tests: [{name: a, input: x}]\n")), tmp, 7, 9,
              "missing required key `output`");
  check_error(load_text(tmp, head("program",
                                  "output: {fuzzy: true}\ntests: [{name: a, input: x, "
                                  "output: y}]\n")),
              tmp, 7, 10, "unknown key `fuzzy` in output");
  check_error(load_text(tmp, head("program",
                                  "outptu: {case_sensitive: true}\ntests: [{name: a, "
                                  "input: x, output: y}]\n")),
              tmp, 7, 1, "unknown key `outptu` in challenge: did you mean `output`?");
  check_error(load_text(tmp, head("program",
                                  "output: {float_tolerance: -1}\ntests: [{name: a, "
                                  "input: x, output: y}]\n")),
              tmp, 7, 27, "`float_tolerance` must be a number ≥ 0");
  check_error(load_text(tmp, head("program", "tests: [{name: a, input: \"" +
                                                 std::string(9 << 20, 'x') + "\", output: y}]\n")),
              tmp, 7, 26, "the input is larger than 8 MiB");
  check_error(load_text(tmp, head("function", fn + "checker: nope.py\ntests: [{name: a, args: [1, "
                                                   "2]}]\n")),
              tmp, 9, 10, "checker file");
  check_error(load_text(tmp, head("function", fn + "tests: [{name: a, args: [1, 2], expected: 3, "
                                                   "any_of: [3]}]\n")),
              tmp, 9, 54, "give `expected` or `any_of`, not both");
  check_error(
      load_text(tmp, head("function", fn + "tests: [{name: a, args: [1, 2], any_of: []}]\n")), tmp,
      9, 41, "`any_of` must be a non-empty list");
  check_error(load_text(tmp, head("function", fn + "tests: [{name: a, args: [1, 2]}]\n")), tmp, 9,
              9, "missing required key `expected` (or `any_of`)");
  check_error(load_text(tmp, head("function", fn + "compare: sets\ntests: [{name: a, args: [1, 2], "
                                                   "expected: 3}]\n")),
              tmp, 9, 10, "compare `sets` is not one of exact, unordered, nested-unordered, set");
}

TEST_CASE("spec: malformed groups, generated cases and wrong solutions") {
  ScopedTempDir tmp;
  const std::string fn = "entry: add\nsignature: \"def add(a: int, b: int) -> int\"\n";
  auto ok = load_text(tmp, head("function", fn + "groups:\n"
                                                 "  - {name: easy, points: 3, tests: [{name: a, "
                                                 "args: [1, 2], expected: 3}]}\n"
                                                 "  - {name: show, sample: true, tests: [{name: b, "
                                                 "args: [1, 1], expected: 2}]}\n"));
  REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
  REQUIRE(ok->groups.size() == 2);
  CHECK(ok->groups[0].points == 3);
  CHECK(ok->groups[1].points == 0);
  // Samples run (and are listed) first, whatever the order written.
  CHECK(ok->tests[0].name == "b");
  CHECK(ok->tests[0].sample);
  CHECK(ok->tests[0].group == 1);
  CHECK_FALSE(ok->tests[1].sample);
  CHECK(ok->tests[1].group == 0);

  check_error(load_text(tmp, head("function", fn + "groups: {name: x}\n")), tmp, 9, 9,
              "`groups` must be a non-empty list");
  check_error(load_text(tmp, head("function", fn + "groups:\n  - {name: g, tests: [{name: a, "
                                                   "points: 2, args: [1, 2], expected: 3}]}\n")),
              tmp, 10, 33,
              "`points` is not allowed on a test inside a group: the group `g` sets it");
  check_error(load_text(tmp, head("function", fn + "groups:\n  - {name: g, tests: [{name: a, "
                                                   "args: [1, 2], expected: 3}]}\n"
                                                   "  - {name: g, tests: [{name: b, args: [1, 2], "
                                                   "expected: 3}]}\n")),
              tmp, 11, 12, "duplicate group name `g`");
  check_error(load_text(tmp, head("function", fn + "groups:\n  - {name: g}\n")), tmp, 10, 5,
              "missing required key `tests`");

  tmp.write("add/gen.py", "def generate(seed, n):\n    return [n, seed]\n");
  check_error(load_text(tmp, head("script",
                                  "entry: add\ngenerated: {generator: gen.py, cases: "
                                  "[{seed: 1}]}\n")),
              tmp, 8, 12, "`generated` does not apply to kind script");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{params: {n: 1}}]}\n")),
              tmp, 9, 40, "missing required key `seed`");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{seed: 1, params: [1]}]}\n")),
              tmp, 9, 58, "`params` must be a mapping of keyword arguments");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{seed: 1, params: {2n: 1}}]}\n")),
              tmp, 9, 59, "`params` keys must be Python names");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: nope.py, cases: "
                                                   "[{seed: 1}]}\n")),
              tmp, 9, 24, "generator file");
  check_error(load_text(tmp, head("generator",
                                  "entry: add\nsignature: \"def add() -> "
                                  "Iterator[int]\"\n"
                                  "generated: {generator: gen.py, cases: [{seed: 1}]}\n")),
              tmp, 9, 40, "missing required key `take`");
  {  // a generator's cases differing only in `take` are different tests
    auto two_takes = load_text(tmp, head("generator",
                                         "entry: add\nsignature: \"def add() -> "
                                         "Iterator[int]\"\n"
                                         "generated: {generator: gen.py, cases: [{seed: 1, take: "
                                         "3}, {seed: 1, take: 5}]}\n"));
    CHECK_MESSAGE(two_takes.ok(), (two_takes.ok() ? "" : two_takes.error().message));
  }
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{seed: 1, name: x}, {seed: 2, name: x}]}\n")),
              tmp, 9, 60, "duplicate test name `x`");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{seed: 1, params: {seed: 2}}]}\n")),
              tmp, 9, 59, "`seed` is the case's own key, not a param");
  check_error(load_text(tmp, head("function", fn + "generated: {generator: gen.py, cases: "
                                                   "[{seed: 1, params: {n: 2}}, {seed: 1, params: "
                                                   "{n: 2}}]}\n")),
              tmp, 9, 67, "the same seed and params as `generated 1 (seed 1)`");

  std::string one_test = "tests: [{name: a, args: [1, 2], expected: 3}]\n";
  check_error(load_text(tmp, head("function", fn + one_test +
                                                  "wrong: [{file: nope.py, expect: "
                                                  "WA}]\n")),
              tmp, 10, 16, "wrong solution file");
  tmp.write("add/wrong/w.py", "def add(a, b):\n    return a\n");
  check_error(load_text(tmp, head("function", fn + one_test +
                                                  "wrong: [{file: wrong/w.py, "
                                                  "expect: AC}]\n")),
              tmp, 10, 36, "expect `AC` is not one of WA, TLE, MLE, OLE, RE, CE, SV");
  check_error(load_text(tmp, head("function", fn + one_test + "wrong: [{file: wrong/w.py}]\n")),
              tmp, 10, 9, "missing required key `expect`");
  check_error(load_text(tmp, head("function", fn + one_test +
                                                  "wrong: [{file: wrong/w.py, expect: WA}, "
                                                  "{file: wrong/w.py, expect: RE}]\n")),
              tmp, 10, 48, "this wrong solution is listed twice");
  // A link inside the folder to a file outside it counts as outside.
  std::filesystem::create_symlink("/etc/hostname", tmp.path() / "add" / "wrong" / "link.py");
  check_error(load_text(tmp, head("function",
                                  fn + one_test + "wrong: [{file: wrong/link.py, expect: WA}]\n")),
              tmp, 10, 16, "is a link to /etc/hostname, outside the challenge's folder");
  for (const char* outside : {"/etc/passwd", "../other/w.py", "wrong/../../x.py"}) {
    check_error(load_text(tmp, head("function", fn + one_test + "wrong: [{file: " + outside +
                                                    ", expect: WA}]\n")),
                tmp, 10, 16, "must be a path inside the challenge's folder");
  }
}

TEST_CASE("spec: malformed performance sections") {
  ScopedTempDir tmp;
  tmp.write("add/gen.py", "def generate(seed, n):\n    return [n, n]\n");
  const std::string fn =
      "entry: add\nsignature: \"def add(a: int, b: int) -> int\"\n"
      "tests: [{name: a, args: [1, 2], expected: 3}]\n";
  auto ok = load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, 2, "
                                                 "4], max_ratio: 3}\n"));
  REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
  CHECK(ok->performance->sizes.size() == 3);
  CHECK(*ok->performance->max_ratio == doctest::Approx(3));
  check_error(load_text(tmp, head("function", fn + "performance: {sizes: [1, 2, 4]}\n")), tmp, 10,
              14, "`performance` needs a generator");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, "
                                                   "2]}\n")),
              tmp, 10, 41, "`sizes` must list at least 3 input sizes");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, "
                                                   "3, 2]}\n")),
              tmp, 10, 48, "`sizes` must increase");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [10, "
                                                   "11, 12]}\n")),
              tmp, 10, 41, "`sizes` span only 1×");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, "
                                                   "2, 4], max_ratio: 0.5}\n")),
              tmp, 10, 63, "`max_ratio` must be a number ≥ 1 (how many times slower");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, "
                                                   "2, 4], max_ratio: fast}\n")),
              tmp, 10, 63, "fine), such as 3, got `fast`");
  check_error(load_text(tmp, head("function", fn + "performance: {generator: gen.py, sizes: [1, "
                                                   "2, 4], params: {n: 3}}\n")),
              tmp, 10, 61, "`params` keys must be Python names other than `n`");
}
