#include "judge/spec.hpp"

#include "judge/yaml_file.hpp"

#include "judge/kattis.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>

namespace pyjudge::judge {

namespace fs = std::filesystem;

std::string Location::to_string() const {
  if (line <= 0) {
    return file;
  }
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string CompareSpec::to_string() const {
  switch (mode) {
    case CompareMode::exact:
      return "exact";
    case CompareMode::unordered:
      return "unordered";
    case CompareMode::nested_unordered:
      return "nested-unordered";
    case CompareMode::set:
      return "set";
    case CompareMode::floating:
      return abs_tol == rel_tol ? fmt::format("float({:g})", abs_tol)
                                : fmt::format("float(abs={:g}, rel={:g})", abs_tol, rel_tol);
    case CompareMode::tokens: {
      std::string s = "tokens";
      if (!output.case_sensitive) {
        s += ", case-insensitive";
      }
      if (output.space_sensitive) {
        s += ", space-sensitive";
      }
      if (output.has_tolerance) {
        s += abs_tol == rel_tol
                 ? fmt::format(", float tolerance {:g}", abs_tol)
                 : fmt::format(", float tolerance abs {:g} rel {:g}", abs_tol, rel_tol);
      }
      return s;
    }
  }
  return "?";
}

std::string_view to_string(ChallengeKind kind) {
  switch (kind) {
    case ChallengeKind::function:
      return "function";
    case ChallengeKind::object:
      return "class";
    case ChallengeKind::generator:
      return "generator";
    case ChallengeKind::script:
      return "script";
    case ChallengeKind::program:
      return "program";
  }
  return "?";
}

namespace {

class Loader : public YamlFile {
 public:
  explicit Loader(fs::path spec_file) : YamlFile(std::move(spec_file)) {}

  Challenge load(const fs::path& dir) {
    YAML::Node root = parse();
    if (!root.IsMap()) {
      fail(root, "the spec must be a mapping of keys (id, title, kind, entry, …)");
    }
    const std::set<std::string, std::less<>> known = {
        "id",      "title",     "difficulty",  "tags",        "statement", "kind",
        "entry",   "signature", "returns",     "helpers",     "compare",   "output",
        "checker", "in_place",  "fresh_nodes", "limits",      "reference", "tests",
        "groups",  "generated", "wrong",       "performance", "starter"};
    auto keys = check_keys(root, known, "challenge");

    Challenge c;
    c.dir = dir;
    c.spec_file = file_;
    c.id = text(required(root, keys, "id"), "id");
    if (c.id != dir.filename().string() && dir.filename() != ".") {
      fail(root["id"], fmt::format("id `{}` does not match the folder name `{}`; rename one", c.id,
                                   dir.filename().string()));
    }
    c.title = text(required(root, keys, "title"), "title");
    // One line of printable text: lists and reports show it in a column.
    if (c.title.empty() || std::any_of(c.title.begin(), c.title.end(),
                                       [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; })) {
      fail(root["title"], "`title` must be one line of text, without control characters");
    }
    c.statement = text(required(root, keys, "statement"), "statement");
    if (c.statement.find_first_not_of(" \t\r\n") == std::string::npos) {
      fail(root["statement"], "`statement` is empty: write the problem candidates are to solve");
    }
    c.difficulty = text(required(root, keys, "difficulty"), "difficulty");
    if (c.difficulty != "easy" && c.difficulty != "medium" && c.difficulty != "hard") {
      fail(root["difficulty"],
           fmt::format("difficulty `{}` is not one of easy, medium, hard", c.difficulty));
    }
    if (keys.contains("tags")) {
      c.tags = text_list(root["tags"], "tags");
    }
    std::string kind = text(required(root, keys, "kind"), "kind");
    static const std::map<std::string, ChallengeKind, std::less<>> kinds = {
        {"function", ChallengeKind::function},
        {"class", ChallengeKind::object},
        {"generator", ChallengeKind::generator},
        {"script", ChallengeKind::script},
        {"program", ChallengeKind::program}};
    auto k = kinds.find(kind);
    if (k == kinds.end()) {
      fail(root["kind"], fmt::format("kind `{}` is not one of function, class, generator, "
                                     "script, program",
                                     kind));
    }
    c.kind = k->second;
    kind_keys(root, keys, c.kind);
    if (c.kind != ChallengeKind::program) {
      c.entry = text(required(root, keys, "entry"), "entry");
      if (!is_identifier(c.entry)) {
        fail(root["entry"], fmt::format("entry `{}` is not a Python name", c.entry));
      }
    }
    if (c.kind == ChallengeKind::function || c.kind == ChallengeKind::object ||
        c.kind == ChallengeKind::generator) {
      load_signature(c, required(root, keys, "signature"));
    }
    if (keys.contains("returns")) {
      c.returns = type_at(root["returns"], "returns");
    }
    if (keys.contains("helpers")) {
      c.helpers = text(root["helpers"], "helpers");
      c.helpers_line = content_line(root["helpers"]);
    }
    if (keys.contains("compare")) {
      c.compare = compare_spec(root["compare"]);
    }
    if (c.kind == ChallengeKind::program) {
      c.compare.mode = CompareMode::tokens;
      if (keys.contains("output")) {
        output_spec(c.compare, root["output"]);
      }
    }
    if (keys.contains("in_place")) {
      YAML::Node n = root["in_place"];
      std::string param = text(n, "in_place");
      for (size_t i = 0; i < c.function.params.size(); ++i) {
        if (c.function.params[i].name == param) {
          c.observe = static_cast<int>(i);
        }
      }
      if (c.observe < 0) {
        fail(n, fmt::format("in_place: `{}` is not a parameter of {}", param, c.function.name));
      }
    }
    if (keys.contains("fresh_nodes")) {
      c.fresh_nodes = boolean(root["fresh_nodes"], "fresh_nodes");
      if (c.fresh_nodes && c.observe >= 0) {
        fail(root["fresh_nodes"],
             "fresh_nodes and in_place exclude each other: an in-place "
             "answer is made of the argument's own nodes");
      }
    }
    if (keys.contains("limits")) {
      c.limits = limits(root["limits"]);
    }
    c.reference = file_key(dir, required(root, keys, "reference"), "reference",
                           "put the reference solution next to challenge.yaml");
    if (keys.contains("checker")) {
      c.checker =
          file_key(dir, root["checker"], "checker", "it must define check(input, expected, got)");
    }
    if (keys.contains("starter")) {
      c.starter = file_key(dir, root["starter"], "starter",
                           "it is the file `pyjudge init` gives a candidate to start from");
    }
    if (keys.contains("groups")) {
      load_groups(c, root["groups"]);
    }
    if (keys.contains("tests")) {
      load_tests(c, root["tests"], -1);
    }
    if (keys.contains("generated")) {
      load_generated(c, dir, root["generated"]);
    }
    if (c.tests.empty() && (!c.generated || c.generated->cases.empty())) {
      fail(root, "the challenge has no tests: add `tests`, `groups` or `generated` cases");
    }
    if (keys.contains("wrong")) {
      load_wrong(c, dir, root["wrong"]);
    }
    if (keys.contains("performance")) {
      load_performance(c, dir, root["performance"]);
    }
    samples_first(c.tests);
    return c;
  }

 private:
  // Keys that make no sense for the kind are errors, not silently ignored.
  void kind_keys(const YAML::Node& root, const std::set<std::string, std::less<>>& keys,
                 ChallengeKind kind) {
    struct Rule {
      const char* key;
      std::initializer_list<ChallengeKind> kinds;
      const char* which;
    };
    using K = ChallengeKind;
    const Rule rules[] = {
        {"entry",
         {K::function, K::object, K::generator, K::script},
         "every kind but program (a program is the whole file)"},
        {"signature", {K::function, K::object, K::generator}, "function, class and generator"},
        {"returns", {K::script}, "script (the type of what test code returns)"},
        {"helpers", {K::script}, "script"},
        {"compare",
         {K::function, K::object, K::generator, K::script},
         "every kind but program (which uses `output`)"},
        {"output", {K::program}, "program"},
        {"in_place", {K::function}, "function"},
        {"fresh_nodes", {K::function}, "function"},
    };
    for (const Rule& r : rules) {
      if (keys.contains(r.key) &&
          std::find(r.kinds.begin(), r.kinds.end(), kind) == r.kinds.end()) {
        YAML::Node key_node;
        for (const auto& kv : root) {
          if (kv.first.Scalar() == r.key) {
            key_node = kv.first;
          }
        }
        fail(key_node, fmt::format("`{}` does not apply to kind {}; it is for {}", r.key,
                                   to_string(kind), r.which));
      }
    }
  }

  static bool is_identifier(const std::string& s) {
    static const std::regex re(R"([A-Za-z_][A-Za-z0-9_]*)");
    return std::regex_match(s, re);
  }

  // The 1-based line where a scalar's text starts: the line after `|` or `>` for block
  // scalars.
  int content_line(const YAML::Node& node) const {
    YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) {
      return 0;
    }
    size_t pos = static_cast<size_t>(m.pos);
    bool block = pos < source_.size() && (source_[pos] == '|' || source_[pos] == '>');
    return m.line + 1 + (block ? 1 : 0);
  }

  Type type_at(const YAML::Node& node, std::string_view what) {
    Expected<Type> t = parse_type(text(node, what));
    if (!t) {
      fail(node, fmt::format("{}: {}", what, t.error().message));
    }
    return t.value();
  }

  fs::path file_key(const fs::path& dir, const YAML::Node& node, std::string_view what,
                    std::string_view hint) {
    std::string given = text(node, what);
    fs::path p = fs::absolute(dir / given).lexically_normal();
    fs::path inside = p.lexically_relative(fs::absolute(dir).lexically_normal());
    if (fs::path(given).is_absolute() || inside.empty() || *inside.begin() == "..") {
      // A challenge is a folder that travels whole: its files are in it.
      fail(node, fmt::format("{} file `{}` must be a path inside the challenge's folder, "
                             "relative to challenge.yaml (such as wrong/slow.py)",
                             what, given));
    }
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      fail(node, fmt::format("{} file `{}` not found; {}", what, p.string(), hint));
    }
    // Nor through a link: resolved, it must still be in the folder.
    fs::path real = fs::weakly_canonical(p, ec);
    fs::path real_dir = fs::weakly_canonical(dir, ec);
    fs::path real_inside = real.lexically_relative(real_dir);
    if (ec || real_inside.empty() || *real_inside.begin() == "..") {
      fail(node, fmt::format("{} file `{}` is a link to {}, outside the challenge's folder: put "
                             "the file itself in the folder",
                             what, given, real.string()));
    }
    return p;
  }

  void output_spec(CompareSpec& c, const YAML::Node& node) {
    if (!node.IsMap()) {
      fail(node, "`output` must be a mapping, e.g. {float_tolerance: 1e-6, case_sensitive: false}");
    }
    auto keys =
        check_keys(node, {"case_sensitive", "space_sensitive", "float_tolerance"}, "output");
    if (keys.contains("case_sensitive")) {
      c.output.case_sensitive = boolean(node["case_sensitive"], "case_sensitive");
    }
    if (keys.contains("space_sensitive")) {
      c.output.space_sensitive = boolean(node["space_sensitive"], "space_sensitive");
    }
    if (keys.contains("float_tolerance")) {
      c.output.has_tolerance = true;
      c.abs_tol = c.rel_tol =
          number_at_least(node["float_tolerance"], "float_tolerance", 0, "such as 1e-6");
    }
  }

  // A finite number ≥ `least`; `hint` says what it means for this key, with an example.
  double number_at_least(const YAML::Node& node, std::string_view what, double least,
                         std::string_view hint) {
    std::string t = text(node, what);
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0' || !(v >= least) || !std::isfinite(v)) {
      fail(node, fmt::format("`{}` must be a number ≥ {} {}, got `{}`", what, least, hint, t));
    }
    return v;
  }

  void load_signature(Challenge& c, const YAML::Node& node) {
    c.signature = text(node, "signature");
    if (c.kind == ChallengeKind::function || c.kind == ChallengeKind::generator) {
      Expected<FunctionSignature> sig = parse_function_signature(c.signature);
      if (!sig) {
        fail_in_signature(node, sig.error());
      }
      c.function = std::move(sig.value());
      if (c.function.name != c.entry) {
        fail(node, fmt::format("signature defines `{}` but entry is `{}`; make them the same",
                               c.function.name, c.entry));
      }
      if (c.kind == ChallengeKind::generator) {
        if (c.function.result.kind != Type::Kind::iterator) {
          fail(node, fmt::format("a generator's signature must return Iterator[T] (or "
                                 "Iterable[T], Generator[T, None, None]), not {}",
                                 c.function.result.to_string()));
        }
        c.returns = c.function.result.args.at(0);
      }
    } else if (c.kind == ChallengeKind::object) {
      Expected<ClassSignature> sig = parse_class_signature(c.signature);
      if (!sig) {
        fail_in_signature(node, sig.error());
      }
      c.object = std::move(sig.value());
      if (c.object.name != c.entry) {
        fail(node, fmt::format("signature defines class `{}` but entry is `{}`; make them the same",
                               c.object.name, c.entry));
      }
    }
  }

  [[noreturn]] void fail_in_signature(const YAML::Node& node, const Error& e) {
    // Point into the signature text: exact for block scalars (`|`), approximate otherwise.
    Location where = at(node.Mark());
    std::string_view sig = node.Scalar();
    size_t line_in = static_cast<size_t>(std::count(sig.begin(), sig.begin() + e.offset, '\n'));
    size_t line_start = sig.rfind('\n', e.offset == 0 ? 0 : e.offset - 1);
    size_t col_in = line_start == std::string_view::npos ? e.offset : e.offset - line_start - 1;
    bool block = node.Tag() == "!" && sig.find('\n') != std::string_view::npos;
    if (block || line_in > 0) {
      where.line += static_cast<int>(line_in) + 1;
      where.column = static_cast<int>(col_in) + 3;  // block scalar indentation is typical
    } else {
      where.column += static_cast<int>(col_in) + (node.Tag() == "!" ? 1 : 0);
    }
    throw SpecError{where, "signature: " + e.message};
  }

  CompareSpec compare_spec(const YAML::Node& node) {
    std::string s = text(node, "compare");
    static const std::regex float_with_tol(R"(float\(\s*([0-9.eE+-]+)\s*\))");
    std::smatch m;
    CompareSpec c;
    if (s == "exact") {
      c.mode = CompareMode::exact;
    } else if (s == "unordered") {
      c.mode = CompareMode::unordered;
    } else if (s == "nested-unordered") {
      c.mode = CompareMode::nested_unordered;
    } else if (s == "set") {
      c.mode = CompareMode::set;
    } else if (s == "float") {
      c.mode = CompareMode::floating;
    } else if (std::regex_match(s, m, float_with_tol)) {
      const std::string text = m[1].str();  // `end` points into it: keep it alive
      char* end = nullptr;
      double tol = std::strtod(text.c_str(), &end);
      if (*end != '\0' || !(tol >= 0) || !std::isfinite(tol)) {
        fail(node, fmt::format("bad tolerance `{}` in compare; write e.g. float(1e-6)", text));
      }
      c.mode = CompareMode::floating;
      c.abs_tol = c.rel_tol = tol;
    } else {
      fail(node, fmt::format("compare `{}` is not one of exact, unordered, nested-unordered, "
                             "set, float, float(TOLERANCE)",
                             s));
    }
    return c;
  }

  Limits limits(const YAML::Node& node) {
    if (!node.IsMap()) {
      fail(node, "`limits` must be a mapping, e.g. {time_ms: 2000, memory_mb: 256}");
    }
    auto keys = check_keys(node, {"time_ms", "memory_mb", "output_mb"}, "limits");
    Limits l;
    if (keys.contains("time_ms")) {
      l.time_ms = static_cast<uint32_t>(integer(node["time_ms"], "time_ms", 10, 60000));
    }
    if (keys.contains("memory_mb")) {
      l.memory_mb = static_cast<uint32_t>(integer(node["memory_mb"], "memory_mb", 32, 8192));
    }
    if (keys.contains("output_mb")) {
      l.output_mb = static_cast<uint32_t>(integer(node["output_mb"], "output_mb", 1, 256));
    }
    return l;
  }

  void load_groups(Challenge& c, const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node, "`groups` must be a non-empty list of {name, points, sample, tests}");
    }
    for (const auto& g : node) {
      if (!g.IsMap()) {
        fail(g, "a group must be a mapping: {name: …, points: 10, tests: […]}");
      }
      auto keys = check_keys(g, {"name", "points", "sample", "tests"}, "group");
      TestGroup group;
      group.where = at(g.Mark());
      group.name = text(required(g, keys, "name"), "name");
      for (const TestGroup& other : c.groups) {
        if (other.name == group.name) {
          fail(g["name"], fmt::format("duplicate group name `{}`", group.name));
        }
      }
      if (keys.contains("sample")) {
        group.sample = boolean(g["sample"], "sample");
      }
      group.points = group.sample ? 0 : 1;
      if (keys.contains("points")) {
        group.points = static_cast<int>(integer(g["points"], "points", 0, 1000000));
      }
      c.groups.push_back(group);
      YAML::Node tests = required(g, keys, "tests");
      if (!tests.IsSequence() || tests.size() == 0) {
        fail(tests, fmt::format("group `{}`: `tests` must be a non-empty list", group.name));
      }
      load_tests(c, tests, static_cast<int>(c.groups.size()) - 1);
    }
  }

  void load_tests(Challenge& c, const YAML::Node& node, int group) {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node, "`tests` must be a non-empty list of tests");
    }
    for (const auto& t : node) {
      if (!t.IsMap()) {
        fail(t, fmt::format("a test must be a mapping: {{name: …, {}}}", test_shape(c.kind)));
      }
      TestCase tc = test(c, t, group);
      if (!test_names_.insert(tc.name).second) {
        fail(t["name"], fmt::format("duplicate test name `{}`", tc.name));
      }
      c.tests.push_back(std::move(tc));
    }
  }

  static std::string test_shape(ChallengeKind kind) {
    switch (kind) {
      case ChallengeKind::function:
        return "args: […], expected: …";
      case ChallengeKind::object:
        return "ops: […], args: […], expected: […]";
      case ChallengeKind::generator:
        return "args: […], take: 10, expected: […]";
      case ChallengeKind::script:
        return "code: |, expected: …";
      case ChallengeKind::program:
        return "input: |, output: |";
    }
    return "";
  }

  TestCase test(const Challenge& c, const YAML::Node& t, int group) {
    std::set<std::string, std::less<>> known = {"name"};
    if (group < 0) {
      known.insert({"sample", "points"});
    }
    switch (c.kind) {
      case ChallengeKind::function:
        known.insert({"args", "expected", "any_of"});
        break;
      case ChallengeKind::object:
        known.insert({"ops", "args", "expected"});
        break;
      case ChallengeKind::generator:
        known.insert({"args", "take", "expected"});
        break;
      case ChallengeKind::script:
        known.insert({"code", "expected", "any_of"});
        break;
      case ChallengeKind::program:
        known.insert({"input", "output"});
        break;
    }
    if (group >= 0) {
      for (const char* k : {"sample", "points"}) {
        if (t[k].IsDefined()) {
          YAML::Node key_node;
          for (const auto& kv : t) {
            if (kv.first.Scalar() == k) {
              key_node = kv.first;
            }
          }
          fail(key_node, fmt::format("`{}` is not allowed on a test inside a group: the group "
                                     "`{}` sets it",
                                     k, c.groups.at(static_cast<size_t>(group)).name));
        }
      }
    }
    auto keys = check_keys(t, known, "test");
    TestCase tc = common_test(t, keys);
    tc.group = group;
    if (group >= 0) {
      tc.sample = c.groups.at(static_cast<size_t>(group)).sample;
      tc.points = 0;
    }
    bool checker = !c.checker.empty();
    switch (c.kind) {
      case ChallengeKind::function: {
        Call call;
        call.method = c.entry;
        call.args = arguments(required(t, keys, "args"), c.function, tc.name);
        const Type& result = c.observe >= 0
                                 ? c.function.params.at(static_cast<size_t>(c.observe)).type
                                 : c.function.result;
        expectation(call, t, keys, result, tc.name, checker, true);
        tc.calls.push_back(std::move(call));
        break;
      }
      case ChallengeKind::object:
        class_calls(c, t, keys, tc);
        break;
      case ChallengeKind::generator: {
        Call call;
        call.method = c.entry;
        call.args = arguments(required(t, keys, "args"), c.function, tc.name);
        Type items{Type::Kind::list, {c.returns}};
        expectation(call, t, keys, items, tc.name, checker, false);
        if (keys.contains("take")) {
          call.take = static_cast<uint32_t>(integer(t["take"], "take", 1, 10'000'000));
          if (call.has_expected && call.expected.size() > call.take) {
            fail(t["expected"], fmt::format("test `{}`: expected holds {} items but take is {}",
                                            tc.name, call.expected.size(), call.take));
          }
        } else if (call.has_expected) {
          // It must stop after the expected items. Pull one more than that to see it does —
          // but at least k_default_take, so the box cannot learn how many are expected.
          call.take =
              std::max<uint32_t>(static_cast<uint32_t>(call.expected.size()) + 1, k_default_take);
        } else {
          fail(t, fmt::format("test `{}`: give `take` (how many items to pull)", tc.name));
        }
        tc.calls.push_back(std::move(call));
        break;
      }
      case ChallengeKind::script: {
        Call call;
        YAML::Node code = required(t, keys, "code");
        call.text = text(code, "code");
        call.line = content_line(code);
        expectation(call, t, keys, c.returns, tc.name, checker, true);
        tc.calls.push_back(std::move(call));
        break;
      }
      case ChallengeKind::program: {
        Call call;
        YAML::Node input = required(t, keys, "input");
        call.text = text(input, "input");
        if (call.text.size() > k_max_stdin_bytes) {
          fail(input, fmt::format("test `{}`: the input is larger than {} MiB; generate large "
                                  "inputs instead",
                                  tc.name, k_max_stdin_bytes >> 20));
        }
        if (keys.contains("output")) {
          call.expected = Value::str(text(t["output"], "output"));
        } else if (checker) {
          call.has_expected = false;
        } else {
          required(t, keys, "output");
        }
        tc.calls.push_back(std::move(call));
        break;
      }
    }
    return tc;
  }

  // `expected`, or `any_of` (when allowed), or neither when a checker decides.
  void expectation(Call& call, const YAML::Node& t, const std::set<std::string, std::less<>>& keys,
                   const Type& type, const std::string& test, bool checker, bool any_of_allowed) {
    bool has_any = any_of_allowed && keys.contains("any_of");
    if (has_any && keys.contains("expected")) {
      fail(t["any_of"], fmt::format("test `{}`: give `expected` or `any_of`, not both", test));
    }
    if (has_any) {
      YAML::Node alts = t["any_of"];
      if (!alts.IsSequence() || alts.size() == 0) {
        fail(alts, fmt::format("test `{}`: `any_of` must be a non-empty list of acceptable "
                               "answers",
                               test));
      }
      for (size_t i = 0; i < alts.size(); ++i) {
        call.any_of.push_back(value(alts[i], type, fmt::format("test `{}`: any_of[{}]", test, i)));
      }
      return;
    }
    if (keys.contains("expected")) {
      call.expected = value(t["expected"], type, fmt::format("test `{}`: expected value", test));
      return;
    }
    if (checker) {
      call.has_expected = false;
      return;
    }
    fail(t, fmt::format("test `{}`: missing required key `expected`{}", test,
                        any_of_allowed ? " (or `any_of`)" : ""));
  }

  TestCase common_test(const YAML::Node& t, const std::set<std::string, std::less<>>& keys) {
    TestCase tc;
    tc.where = at(t.Mark());
    tc.name = text(required(t, keys, "name"), "name");
    if (tc.name.empty()) {
      fail(t["name"], "test name must not be empty");
    }
    if (keys.contains("sample")) {
      tc.sample = boolean(t["sample"], "sample");
    }
    tc.points = tc.sample ? 0 : 1;
    if (keys.contains("points")) {
      tc.points = static_cast<int>(integer(t["points"], "points", 0, 1000000));
    }
    return tc;
  }

  void class_calls(const Challenge& c, const YAML::Node& t,
                   const std::set<std::string, std::less<>>& keys, TestCase& tc) {
    YAML::Node ops = required(t, keys, "ops");
    YAML::Node args = required(t, keys, "args");
    bool checker = !c.checker.empty();
    YAML::Node expected =
        checker && !keys.contains("expected") ? YAML::Node() : required(t, keys, "expected");
    for (const auto& [node, what] :
         {std::pair{ops, "ops"}, {args, "args"}, {expected, "expected"}}) {
      if (node.IsDefined() && !node.IsNull() && !node.IsSequence()) {
        fail(node, fmt::format("test `{}`: `{}` must be a list", tc.name, what));
      }
    }
    if (!ops.IsSequence() || ops.size() == 0) {
      fail(ops,
           fmt::format("test `{}`: `ops` must start with the class name `{}`", tc.name, c.entry));
    }
    if (!args.IsSequence() || args.size() != ops.size() ||
        (expected.IsDefined() && expected.size() != ops.size())) {
      fail(t, fmt::format("test `{}`: ops, args and expected must have the same length "
                          "(got {}, {} and {})",
                          tc.name, ops.size(), args.size(),
                          expected.IsDefined() ? expected.size() : ops.size()));
    }
    for (size_t i = 0; i < ops.size(); ++i) {
      std::string op = text(ops[i], "ops");
      const FunctionSignature* sig = nullptr;
      FunctionSignature ctor{c.entry, {}, Type{Type::Kind::none, {}}};
      if (i == 0) {
        if (op != c.entry) {
          fail(ops[i], fmt::format("test `{}`: the first op must be the class name `{}`, got `{}`",
                                   tc.name, c.entry, op));
        }
        if (const FunctionSignature* init = c.object.find("__init__")) {
          ctor.params = init->params;
        }
        sig = &ctor;
      } else {
        sig = c.object.find(op);
        if (sig == nullptr || op == "__init__") {
          std::string methods;
          for (const auto& m : c.object.methods) {
            if (m.name != "__init__") {
              methods += (methods.empty() ? "" : ", ") + m.name;
            }
          }
          fail(ops[i], fmt::format("test `{}`: op `{}` is not a method of {} (methods: {})",
                                   tc.name, op, c.entry, methods));
        }
      }
      Call call;
      call.method = op;
      call.args = arguments(args[i], *sig, fmt::format("{} (op {})", tc.name, i));
      if (expected.IsDefined()) {
        call.expected =
            value(expected[i], sig->result,
                  fmt::format("test `{}`: expected value of op {} `{}`", tc.name, i, op));
      } else {
        call.has_expected = false;
      }
      tc.calls.push_back(std::move(call));
    }
  }

  void load_generated(Challenge& c, const fs::path& dir, const YAML::Node& node) {
    if (c.kind == ChallengeKind::script) {
      fail(node, "`generated` does not apply to kind script (its tests are code)");
    }
    if (!node.IsMap()) {
      fail(node, "`generated` must be a mapping: {generator: generator.py, cases: [{seed: 1}]}");
    }
    auto keys = check_keys(node, {"generator", "cases"}, "generated");
    Generated g;
    g.where = at(node.Mark());
    g.generator = file_key(dir, required(node, keys, "generator"), "generator",
                           "it must define generate(seed, **params)");
    YAML::Node cases = required(node, keys, "cases");
    if (!cases.IsSequence() || cases.size() == 0) {
      fail(cases, "`cases` must be a non-empty list such as [{seed: 1, params: {n: 1000}}]");
    }
    for (size_t i = 0; i < cases.size(); ++i) {
      const YAML::Node& cn = cases[i];
      if (!cn.IsMap()) {
        fail(cn, "a generated case must be a mapping: {seed: 1, params: {n: 1000}}");
      }
      std::set<std::string, std::less<>> known = {"name", "seed", "params", "sample", "points"};
      if (c.kind == ChallengeKind::generator) {
        known.insert("take");
      }
      auto ck = check_keys(cn, known, "generated case");
      GeneratedCase gc;
      gc.where = at(cn.Mark());
      gc.seed = integer(required(cn, ck, "seed"), "seed", INT64_MIN + 1, INT64_MAX);
      if (ck.contains("params")) {
        YAML::Node params = cn["params"];
        if (!params.IsMap()) {
          fail(params, "`params` must be a mapping of keyword arguments, e.g. {n: 1000}");
        }
        for (const auto& kv : params) {
          if (!kv.first.IsScalar() || !is_identifier(kv.first.Scalar())) {
            fail(kv.first, "`params` keys must be Python names (they are keyword arguments)");
          }
          if (kv.first.Scalar() == "seed") {
            fail(kv.first,
                 "`seed` is the case's own key, not a param: generate(seed, **params) "
                 "takes it first");
          }
        }
        gc.params =
            value(params, Type{Type::Kind::dict, {Type{Type::Kind::str, {}}, Type{}}}, "params");
      }
      if (c.kind == ChallengeKind::generator) {  // `take` is read first: it tells cases apart
        gc.take = static_cast<uint32_t>(integer(required(cn, ck, "take"), "take", 1, 10'000'000));
      }
      for (const GeneratedCase& earlier : g.cases) {
        if (earlier.seed == gc.seed && earlier.take == gc.take &&
            to_wire(earlier.params) == to_wire(gc.params)) {
          fail(cn, fmt::format("the same {} as `{}`: it would generate the same test; give it "
                               "another seed",
                               c.kind == ChallengeKind::generator ? "seed, params and take"
                                                                  : "seed and params",
                               earlier.name));
        }
      }
      gc.name = ck.contains("name") ? text(cn["name"], "name")
                                    : fmt::format("generated {} (seed {})", i + 1, gc.seed);
      if (!test_names_.insert(gc.name).second) {  // hand-written and generated alike
        fail(cn, fmt::format("duplicate test name `{}`", gc.name));
      }
      if (ck.contains("sample")) {
        gc.sample = boolean(cn["sample"], "sample");
      }
      gc.points = gc.sample ? 0 : 1;
      if (ck.contains("points")) {
        gc.points = static_cast<int>(integer(cn["points"], "points", 0, 1000000));
      }
      g.cases.push_back(std::move(gc));
    }
    c.generated = std::move(g);
  }

  void load_performance(Challenge& c, const fs::path& dir, const YAML::Node& node) {
    if (c.kind == ChallengeKind::script) {
      fail(node, "`performance` does not apply to kind script (its tests are code)");
    }
    if (!node.IsMap()) {
      fail(node,
           "`performance` must be a mapping, e.g. {sizes: [1000, 2000, 4000, 8000, "
           "16000], max_ratio: 3}");
    }
    auto keys =
        check_keys(node, {"generator", "sizes", "seed", "params", "max_ratio"}, "performance");
    Performance p;
    p.where = at(node.Mark());
    if (keys.contains("generator")) {
      p.generator = file_key(dir, node["generator"], "generator",
                             "it must define generate(seed, n, **params)");
    } else if (c.generated) {
      p.generator = c.generated->generator;
    } else {
      fail(node,
           "`performance` needs a generator: give `generator: generator.py` (or a "
           "`generated` section) defining generate(seed, n, **params)");
    }
    YAML::Node sizes = required(node, keys, "sizes");
    if (!sizes.IsSequence() || sizes.size() < 3) {
      fail(sizes,
           "`sizes` must list at least 3 input sizes, e.g. [1000, 2000, 4000, 8000, "
           "16000]: growth is a slope");
    }
    for (const auto& n : sizes) {
      int64_t v = integer(n, "sizes", 1, 100'000'000);
      if (!p.sizes.empty() && v <= p.sizes.back()) {
        fail(n, "`sizes` must increase");
      }
      p.sizes.push_back(v);
    }
    if (p.sizes.back() < 4 * p.sizes.front()) {
      fail(sizes, fmt::format("`sizes` span only {}×; make the largest at least 4× (better "
                              "16×) the smallest, or growth cannot be told",
                              p.sizes.back() / p.sizes.front()));
    }
    if (keys.contains("seed")) {
      p.seed = integer(node["seed"], "seed", INT64_MIN + 1, INT64_MAX);
    }
    if (keys.contains("params")) {
      YAML::Node params = node["params"];
      if (!params.IsMap()) {
        fail(params, "`params` must be a mapping of keyword arguments, e.g. {k: 3}");
      }
      for (const auto& kv : params) {
        if (!kv.first.IsScalar() || !is_identifier(kv.first.Scalar()) || kv.first.Scalar() == "n") {
          fail(kv.first, "`params` keys must be Python names other than `n` (n is the size)");
        }
      }
      p.params =
          value(params, Type{Type::Kind::dict, {Type{Type::Kind::str, {}}, Type{}}}, "params");
    }
    if (keys.contains("max_ratio")) {
      p.max_ratio = number_at_least(node["max_ratio"], "max_ratio", 1,
                                    "(how many times slower than the reference is still "
                                    "fine), such as 3");
    }
    c.performance = std::move(p);
  }

  void load_wrong(Challenge& c, const fs::path& dir, const YAML::Node& node) {
    if (!node.IsSequence()) {
      fail(node, "`wrong` must be a list such as [{file: wrong/slow.py, expect: TLE}]");
    }
    for (const auto& w : node) {
      if (!w.IsMap()) {
        fail(w, "a wrong solution must be a mapping: {file: wrong/x.py, expect: WA}");
      }
      auto keys = check_keys(w, {"file", "expect"}, "wrong solution");
      WrongSolution ws;
      ws.where = at(w.Mark());
      ws.file = file_key(dir, required(w, keys, "file"), "wrong solution",
                         "list only files that exist under wrong/");
      for (const WrongSolution& earlier : c.wrong) {
        std::error_code same_ec;
        if (earlier.file == ws.file || fs::equivalent(earlier.file, ws.file, same_ec)) {
          fail(w["file"], "this wrong solution is listed twice");
        }
      }
      YAML::Node e = required(w, keys, "expect");
      auto v = verdict_from_string(text(e, "expect"));
      if (!v || *v == Verdict::AC || *v == Verdict::IE) {
        fail(e, fmt::format("expect `{}` is not one of WA, TLE, MLE, OLE, RE, CE, SV", e.Scalar()));
      }
      ws.expect = *v;
      c.wrong.push_back(std::move(ws));
    }
  }

  std::vector<Value> arguments(const YAML::Node& node, const FunctionSignature& sig,
                               const std::string& test) {
    if (!node.IsSequence()) {
      fail(node, fmt::format("test `{}`: `args` must be a list with one value per parameter of "
                             "{}",
                             test, sig.name));
    }
    if (node.size() != sig.params.size()) {
      std::string names;
      for (const auto& p : sig.params) {
        names += (names.empty() ? "" : ", ") + p.name;
      }
      fail(node,
           fmt::format("test `{}`: {} takes {} argument{} ({}), got {}", test, sig.name,
                       sig.params.size(), sig.params.size() == 1 ? "" : "s", names, node.size()));
    }
    std::vector<Value> out;
    for (size_t i = 0; i < node.size(); ++i) {
      out.push_back(value(node[i], sig.params[i].type,
                          fmt::format("test `{}`: argument `{}`", test, sig.params[i].name)));
    }
    return out;
  }

  // A YAML node typed by the signature. Plain scalars follow YAML's core schema (null,
  // booleans, ints, floats), except where the type asks for str, which takes the text.
  Value value(const YAML::Node& node, const Type& type, const std::string& what, int depth = 0) {
    if (depth > 200) {
      fail(node, what + ": nested too deeply");
    }
    // YAML aliases can make a small file expand exponentially ("billion laughs").
    if (++values_built_ > k_max_spec_values) {
      fail(node, fmt::format("{}: the spec's values expand to more than {} elements (YAML "
                             "aliases?); generate large inputs instead",
                             what, k_max_spec_values));
    }
    check_tag(node, what);
    using TK = Type::Kind;
    if (type.kind == TK::union_of) {
      if (node.IsNull() && type.accepts_none()) {
        return Value::none();
      }
      std::optional<SpecError> first_error;
      size_t tried = 0;
      for (const Type& alt : type.args) {
        if (alt.kind == TK::none) {
          continue;
        }
        ++tried;
        try {
          return value(node, alt, what, depth);
        } catch (const SpecError& e) {
          if (!first_error) {
            first_error = e;
          }
        }
      }
      if (tried == 1 && first_error) {
        throw *first_error;  // Optional[T]: T's own message says more
      }
      fail(node, fmt::format("{}: expected {}, got {}", what, type.to_string(), describe(node)));
    }
    if (type.kind == TK::linked_list || type.kind == TK::tree || type.kind == TK::graph) {
      return nodes(node, type, what, depth);
    }
    if (node.IsNull()) {
      if (!type.accepts_none()) {
        fail(node, fmt::format("{}: expected {}, got null", what, type.to_string()));
      }
      return Value::none();
    }
    if (node.IsScalar()) {
      return scalar(node, type, what);
    }
    if (node.IsSequence()) {
      Type item{};
      switch (type.kind) {
        case TK::list:
        case TK::set:
        case TK::frozenset:
        case TK::tuple_of:
          item = type.args[0];
          break;
        case TK::tuple:
          if (node.size() != type.args.size()) {
            fail(node, fmt::format("{}: expected {} ({} items), got {} items", what,
                                   type.to_string(), type.args.size(), node.size()));
          }
          break;
        case TK::any:
          break;
        default:
          fail(node, fmt::format("{}: expected {}, got a list", what, type.to_string()));
      }
      std::vector<Value> items;
      items.reserve(node.size());
      bool needs_hash = type.kind == TK::set || type.kind == TK::frozenset;
      for (size_t i = 0; i < node.size(); ++i) {
        const Type& t = type.kind == TK::tuple ? type.args[i] : item;
        items.push_back(value(node[i], t, what + "[" + std::to_string(i) + "]", depth + 1));
        if (needs_hash && !hashable(items.back())) {
          fail(node[i], fmt::format("{}[{}]: a set element must be hashable (no list, set or "
                                    "dict inside); use a tuple or frozenset",
                                    what, i));
        }
      }
      switch (type.kind) {
        case TK::set:
          return Value::set(std::move(items));
        case TK::frozenset:
          return Value::set(std::move(items), true);
        case TK::tuple:
        case TK::tuple_of:
          return Value::tuple(std::move(items));
        default:
          return Value::list(std::move(items));
      }
    }
    if (node.IsMap()) {
      if (type.kind != TK::dict && type.kind != TK::any) {
        fail(node, fmt::format("{}: expected {}, got a mapping", what, type.to_string()));
      }
      Type kt = type.kind == TK::dict ? type.args[0] : Type{};
      Type vt = type.kind == TK::dict ? type.args[1] : Type{};
      std::vector<std::pair<Value, Value>> pairs;
      std::vector<YAML::Node> key_nodes;
      for (const auto& kv : node) {
        Value k = value(kv.first, kt, what + " key", depth + 1);
        if (!hashable(k)) {
          fail(kv.first,
               fmt::format("{}: a dict key must be hashable (no list, set or dict)", what));
        }
        Value v = value(kv.second, vt, what + "[" + repr(k, 20) + "]", depth + 1);
        pairs.emplace_back(std::move(k), std::move(v));
        key_nodes.push_back(kv.first);
      }
      // Duplicate keys: sort positions by key, then compare neighbours.
      std::vector<size_t> order(pairs.size());
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        int c = compare(pairs[a].first, pairs[b].first);
        return c != 0 ? c < 0 : a < b;
      });
      for (size_t i = 1; i < order.size(); ++i) {
        if (compare(pairs[order[i - 1]].first, pairs[order[i]].first) == 0) {
          fail(key_nodes[order[i]],
               fmt::format("{}: duplicate key {}", what, repr(pairs[order[i]].first, 40)));
        }
      }
      return Value::dict(std::move(pairs));
    }
    fail(node, what + ": unsupported YAML node");
  }

  // LeetCode's serialisations: [1, 2, 3] for a ListNode, level order with null for a
  // TreeNode, 1-based adjacency lists for a graph Node. An empty one is None.
  Value nodes(const YAML::Node& node, const Type& type, const std::string& what, int depth) {
    using TK = Type::Kind;
    const char* example = type.kind == TK::linked_list ? "[1, 2, 3]"
                          : type.kind == TK::tree      ? "[3, 9, 20, null, null, 15, 7]"
                                                       : "[[2, 4], [1, 3], [2, 4], [1, 3]]";
    if (!node.IsSequence()) {
      fail(node,
           fmt::format("{}: a {} is written as a list, e.g. {}", what, type.to_string(), example));
    }
    if (node.size() == 0) {
      return Value::none();
    }
    std::vector<Value> items;
    size_t slots = 1;  // tree: positions the level order still has room for
    for (size_t i = 0; i < node.size(); ++i) {
      std::string at_i = fmt::format("{}[{}]", what, i);
      if (type.kind == TK::graph) {
        Value adj = value(node[i], Type{TK::list, {Type{TK::integer, {}}}}, at_i, depth + 1);
        for (const Value& n : adj.items()) {
          if (!n.is_small_int() || n.as_int() < 1 ||
              static_cast<size_t>(n.as_int()) > node.size()) {
            fail(node[i], fmt::format("{}: neighbour {} is not a node number from 1 to {}", at_i,
                                      repr(n, 20), node.size()));
          }
        }
        items.push_back(std::move(adj));
        continue;
      }
      Value v = value(node[i], Type{}, at_i, depth + 1);
      if (type.kind == TK::tree) {
        if (i == 0 && v.is_none()) {
          fail(node[i],
               fmt::format("{}: the root cannot be null; write [] for an empty tree", what));
        }
        if (i >= slots) {
          fail(node[i], fmt::format("{}: more values than the nodes above have children (level "
                                    "order gives children only to non-null nodes)",
                                    at_i));
        }
        slots += v.is_none() ? 0 : 2;
      } else if (v.is_none()) {
        fail(node[i], fmt::format("{}: a linked list's values cannot be null", at_i));
      }
      items.push_back(std::move(v));
    }
    while (type.kind == TK::tree && items.back().is_none()) {
      items.pop_back();
    }
    Value::Kind kind = type.kind == TK::linked_list ? Value::Kind::linked_list
                       : type.kind == TK::tree      ? Value::Kind::tree
                                                    : Value::Kind::graph;
    return Value::nodes(kind, std::move(items));
  }

  static std::string describe(const YAML::Node& node) {
    if (node.IsNull()) {
      return "null";
    }
    if (node.IsSequence()) {
      return "a list";
    }
    if (node.IsMap()) {
      return "a mapping";
    }
    return fmt::format("`{}`", node.Scalar().substr(0, 40));
  }

  // YAML's core tags only (`!!str 1` is the text "1"); any other tag would be dropped without
  // a word, so it is refused.
  void check_tag(const YAML::Node& node, const std::string& what) const {
    const std::string& tag = node.Tag();
    if (tag.empty() || tag == "?" || tag == "!") {
      return;
    }
    static const std::set<std::string, std::less<>> core = {
        "tag:yaml.org,2002:str",  "tag:yaml.org,2002:int",  "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:map"};
    if (!core.contains(tag)) {
      std::string shown = tag.starts_with("tag:yaml.org,2002:") ? "!!" + tag.substr(18) : tag;
      fail(node, fmt::format("{}: the YAML tag `{}` is not supported: values are plain YAML "
                             "typed by the signature (only !!str, !!int, !!float, !!bool and "
                             "!!null are understood)",
                             what, shown));
    }
  }

  Value scalar(const YAML::Node& node, const Type& type, const std::string& what) {
    using TK = Type::Kind;
    const std::string& s = node.Scalar();
    const std::string& tag = node.Tag();
    bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    if (type.kind == TK::str) {
      return Value::str(s);
    }
    if (type.kind == TK::bytes) {
      return Value::bytes(s);
    }
    Value v = quoted ? Value::str(s) : resolve_plain(s);
    if (tag == "tag:yaml.org,2002:null") {
      if (s != "null" && s != "Null" && s != "NULL" && s != "~" && !s.empty()) {
        fail(node, fmt::format("{}: `{}` is not a YAML null", what, s.substr(0, 40)));
      }
      if (!type.accepts_none()) {
        fail(node, fmt::format("{}: expected {}, got null", what, type.to_string()));
      }
      return Value::none();
    }
    if (tag.starts_with("tag:yaml.org,2002:") && !quoted) {  // !!int 1.5: the tag must hold
      std::string_view want = std::string_view(tag).substr(18);
      bool holds = (want == "int" && v.kind() == Value::Kind::integer) ||
                   (want == "float" && v.is_number()) ||
                   (want == "bool" && v.kind() == Value::Kind::boolean);
      if (!holds) {
        fail(node, fmt::format("{}: `{}` is not a YAML {}", what, s.substr(0, 40), want));
      }
      if (want == "float" && v.kind() == Value::Kind::integer) {
        v = Value::real(v.as_number());
      }
    }
    bool fits = (type.kind == TK::any) ||
                (type.kind == TK::integer && v.kind() == Value::Kind::integer) ||
                (type.kind == TK::real && v.is_number()) ||
                (type.kind == TK::boolean && v.kind() == Value::Kind::boolean);
    if (!fits) {
      fail(node, fmt::format("{}: expected {}, got {} {}", what, type.to_string(), v.type_name(),
                             repr(v, 40)));
    }
    if (type.kind == TK::real && v.kind() == Value::Kind::integer) {
      v = Value::real(v.as_number());
    }
    // A number past float's range becomes inf; Python's float() of such an int raises.
    if (v.kind() == Value::Kind::real && std::isinf(v.as_real())) {
      std::string lower = s;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (lower.find("inf") == std::string::npos) {
        fail(node, fmt::format("{}: {} is beyond the range of a float (it would be inf: write "
                               ".inf if that is meant)",
                               what, s.size() > 40 ? s.substr(0, 40) + "…" : s));
      }
    }
    return v;
  }

  // YAML 1.2 core schema for untagged plain scalars.
  static Value resolve_plain(const std::string& s) {
    static const std::regex float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (s == "true" || s == "True" || s == "TRUE") {
      return Value::boolean(true);
    }
    if (s == "false" || s == "False" || s == "FALSE") {
      return Value::boolean(false);
    }
    // [-+]?[0-9]+, checked by hand: std::regex costs microseconds per scalar, and a spec
    // with ten thousand tests has tens of thousands of them.
    size_t digits_from = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (s.size() > digits_from &&
        std::all_of(s.begin() + static_cast<std::ptrdiff_t>(digits_from), s.end(),
                    [](unsigned char ch) { return std::isdigit(ch) != 0; })) {
      return Value::integer(*BigInt::from_decimal(s));
    }
    if (std::regex_match(s, float_re)) {
      return Value::real(std::strtod(s.c_str(), nullptr));
    }
    // 0x1f and 0o17 (the core schema's hexadecimal and octal ints), up to int64's range.
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
      int base = s[1] == 'x' ? 16 : 8;
      const char* begin = s.data() + 2;
      const char* end = s.data() + s.size();
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(begin, end, n, base);
      if (*begin != '-' && *begin != '+' && ec == std::errc() && ptr == end) {
        return Value::integer(n);
      }
    }
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == ".inf" || lower == "+.inf") {
      return Value::real(INFINITY);
    }
    if (lower == "-.inf") {
      return Value::real(-INFINITY);
    }
    if (lower == ".nan") {
      return Value::real(NAN);
    }
    return Value::str(s);
  }

  static bool hashable(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::list:
      case Value::Kind::set:
      case Value::Kind::dict:
        return false;
      case Value::Kind::tuple:
      case Value::Kind::frozenset:
        return std::all_of(v.items().begin(), v.items().end(), hashable);
      default:
        return true;
    }
  }

  static constexpr size_t k_max_spec_values = 1'000'000;
  static constexpr size_t k_max_stdin_bytes = 8u << 20;
  static constexpr uint32_t k_default_take = 10'000;
  std::set<std::string> test_names_;  // every test name so far (hand-written, generated)
  size_t values_built_ = 0;
};

}  // namespace

void samples_first(std::vector<TestCase>& tests) {
  std::stable_partition(tests.begin(), tests.end(), [](const TestCase& t) { return t.sample; });
}

Expected<Challenge> load_challenge(const fs::path& dir) {
  fs::path spec = dir / "challenge.yaml";
  std::error_code ec;
  if (!fs::is_regular_file(spec, ec)) {
    if (fs::is_regular_file(dir / "problem.yaml", ec)) {
      return load_kattis(dir);
    }
    return Error{fmt::format("{}: no challenge.yaml (nor a Kattis problem.yaml) in this folder",
                             spec.string())};
  }
  try {
    return Loader(spec).load(dir);
  } catch (const SpecError& e) {
    return Error{fmt::format("{}: {}", e.where.to_string(), e.message)};
  } catch (const YAML::Exception& e) {
    // yaml-cpp conversion errors we did not anticipate still get a location.
    Location where{spec.string(), e.mark.is_null() ? 0 : e.mark.line + 1,
                   e.mark.is_null() ? 0 : e.mark.column + 1};
    return Error{fmt::format("{}: {}", where.to_string(), e.msg)};
  }
}

Expected<fs::path> find_challenge(const std::string& arg, const fs::path& challenges_root) {
  std::error_code ec;
  fs::path p(arg);
  if (fs::is_regular_file(p, ec) && p.filename() == "challenge.yaml") {
    return fs::absolute(p.parent_path()).lexically_normal();
  }
  if (fs::is_regular_file(p, ec) && p.filename() == "problem.yaml") {
    return fs::absolute(p.parent_path()).lexically_normal();
  }
  if (fs::is_directory(p, ec) && (arg.find('/') != std::string::npos || arg == "." ||
                                  fs::is_regular_file(p / "challenge.yaml", ec) ||
                                  fs::is_regular_file(p / "problem.yaml", ec))) {
    fs::path dir = fs::absolute(p).lexically_normal();
    return dir.has_filename() ? dir : dir.parent_path();  // "dir/" → "dir"
  }
  if (arg.find('/') == std::string::npos && !arg.empty()) {
    fs::path bundled = challenges_root / arg;
    if (fs::is_regular_file(bundled / "challenge.yaml", ec)) {
      return bundled;
    }
  }
  // A path (it has a slash) that is not there: say so, not "unknown challenge".
  if (arg.find('/') != std::string::npos && !fs::exists(p, ec)) {
    return Error{
        fmt::format("no such folder or file `{}`: give a challenge's folder (one with "
                    "a challenge.yaml) or the id of a bundled challenge",
                    arg)};
  }
  // The file to judge given first (`pyjudge submit two_sum.py two-sum`).
  if (fs::is_regular_file(p, ec) && p.extension() == ".py") {
    return Error{
        fmt::format("`{}` is a Python file, not a challenge: the challenge comes first "
                    "(pyjudge submit CHALLENGE FILE)",
                    arg)};
  }
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(challenges_root, ec)) {
    if (fs::is_regular_file(entry.path() / "challenge.yaml", ec)) {
      ids.push_back(entry.path().filename().string());
    }
  }
  std::sort(ids.begin(), ids.end());
  std::string known;
  for (const auto& id : ids) {
    known += (known.empty() ? "" : ", ") + id;
  }
  return Error{
      fmt::format("unknown challenge `{}`: not a challenge folder, and not one of the "
                  "bundled challenges ({}) in {}",
                  arg, known.empty() ? "none found" : known, challenges_root.string())};
}

fs::path default_challenges_root() {
  if (const char* env = std::getenv("PYJUDGE_CHALLENGES"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "pyjudge" / "challenges";
    if (fs::is_directory(installed, ec)) {
      return installed;
    }
    // A source tree's build/bin/pyjudge: that tree's challenges, wherever it was moved or
    // cloned after the build.
    fs::path tree = exe.parent_path().parent_path().parent_path();
    if (fs::is_directory(tree / "challenges", ec) && fs::exists(tree / "CMakeLists.txt", ec)) {
      return tree / "challenges";
    }
  }
  return PYJUDGE_SOURCE_CHALLENGES;
}

}  // namespace pyjudge::judge
