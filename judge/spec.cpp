#include "judge/spec.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
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
    case CompareMode::floating:
      return abs_tol == rel_tol ? fmt::format("float({:g})", abs_tol)
                                : fmt::format("float(abs={:g}, rel={:g})", abs_tol, rel_tol);
  }
  return "?";
}

namespace {

// Thrown inside the loader only; load_challenge() turns it into an Error.
struct SpecError {
  Location where;
  std::string message;
};

class Loader {
 public:
  explicit Loader(fs::path spec_file) : file_(std::move(spec_file)) {}

  Challenge load(const fs::path& dir) {
    YAML::Node root = parse();
    if (!root.IsMap()) {
      fail(root, "the spec must be a mapping of keys (id, title, kind, entry, …)");
    }
    const std::set<std::string, std::less<>> known = {
        "id",    "title",     "difficulty", "tags",   "statement", "kind",
        "entry", "signature", "compare",    "limits", "reference", "tests"};
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
    c.statement = text(required(root, keys, "statement"), "statement");
    c.difficulty = text(required(root, keys, "difficulty"), "difficulty");
    if (c.difficulty != "easy" && c.difficulty != "medium" && c.difficulty != "hard") {
      fail(root["difficulty"],
           fmt::format("difficulty `{}` is not one of easy, medium, hard", c.difficulty));
    }
    if (keys.contains("tags")) {
      c.tags = text_list(root["tags"], "tags");
    }
    std::string kind = text(required(root, keys, "kind"), "kind");
    if (kind == "function") {
      c.kind = ChallengeKind::function;
    } else if (kind == "class") {
      c.kind = ChallengeKind::object;
    } else {
      fail(root["kind"], fmt::format("kind `{}` is not one of function, class", kind));
    }
    c.entry = text(required(root, keys, "entry"), "entry");
    load_signature(c, required(root, keys, "signature"));
    if (keys.contains("compare")) {
      c.compare = compare_spec(root["compare"]);
    }
    if (keys.contains("limits")) {
      c.limits = limits(root["limits"]);
    }
    YAML::Node ref = required(root, keys, "reference");
    c.reference = fs::absolute(dir / text(ref, "reference"));
    std::error_code ec;
    if (!fs::is_regular_file(c.reference, ec)) {
      fail(ref, fmt::format("reference file `{}` not found; put the reference solution next to "
                            "challenge.yaml",
                            c.reference.string()));
    }
    load_tests(c, required(root, keys, "tests"));
    return c;
  }

 private:
  YAML::Node parse() {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      throw SpecError{{file_.string()}, "cannot read the file"};
    }
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      return YAML::Load(ss.str());
    } catch (const YAML::Exception& e) {
      throw SpecError{at(e.mark), "YAML syntax error: " + e.msg};
    }
  }

  [[nodiscard]] Location at(const YAML::Mark& m) const {
    if (m.is_null() || m.line < 0) {
      return {file_.string()};
    }
    return {file_.string(), m.line + 1, m.column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& node, std::string message) const {
    throw SpecError{node.IsDefined() ? at(node.Mark()) : Location{file_.string()},
                    std::move(message)};
  }

  // Rejects unknown and duplicate keys; returns the keys present.
  std::set<std::string, std::less<>> check_keys(const YAML::Node& map,
                                                const std::set<std::string, std::less<>>& known,
                                                std::string_view what) {
    std::set<std::string, std::less<>> seen;
    for (const auto& kv : map) {
      const YAML::Node& key = kv.first;
      if (!key.IsScalar()) {
        fail(key, fmt::format("{} keys must be plain words", what));
      }
      const std::string& k = key.Scalar();
      if (!known.contains(k)) {
        std::string list;
        for (const auto& n : known) {
          list += (list.empty() ? "" : ", ") + n;
        }
        fail(key, fmt::format("unknown key `{}` in {} (known keys: {})", k, what, list));
      }
      if (!seen.insert(k).second) {
        fail(key, fmt::format("duplicate key `{}` in {}", k, what));
      }
    }
    return seen;
  }

  YAML::Node required(const YAML::Node& map, const std::set<std::string, std::less<>>& keys,
                      const char* key) {
    if (!keys.contains(key)) {
      fail(map, fmt::format("missing required key `{}`", key));
    }
    return map[key];
  }

  std::string text(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      fail(node, fmt::format("`{}` must be text", what));
    }
    return node.Scalar();
  }

  std::vector<std::string> text_list(const YAML::Node& node, std::string_view what) {
    if (!node.IsSequence()) {
      fail(node, fmt::format("`{}` must be a list, e.g. [array, hash-map]", what));
    }
    std::vector<std::string> out;
    for (const auto& item : node) {
      out.push_back(text(item, what));
    }
    return out;
  }

  int64_t integer(const YAML::Node& node, std::string_view what, int64_t lo, int64_t hi) {
    std::string s = text(node, what);
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0 || v < lo || v > hi) {
      fail(node,
           fmt::format("`{}` must be a whole number from {} to {}, got `{}`", what, lo, hi, s));
    }
    return v;
  }

  bool boolean(const YAML::Node& node, std::string_view what) {
    std::string s = text(node, what);
    if (s == "true" || s == "True") {
      return true;
    }
    if (s == "false" || s == "False") {
      return false;
    }
    fail(node, fmt::format("`{}` must be true or false, got `{}`", what, s));
  }

  void load_signature(Challenge& c, const YAML::Node& node) {
    c.signature = text(node, "signature");
    if (c.kind == ChallengeKind::function) {
      Expected<FunctionSignature> sig = parse_function_signature(c.signature);
      if (!sig) {
        fail_in_signature(node, sig.error());
      }
      c.function = std::move(sig.value());
      if (c.function.name != c.entry) {
        fail(node, fmt::format("signature defines `{}` but entry is `{}`; make them the same",
                               c.function.name, c.entry));
      }
    } else {
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
                             "float, float(TOLERANCE)",
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

  void load_tests(Challenge& c, const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node, "`tests` must be a non-empty list of tests");
    }
    std::set<std::string> names;
    for (const auto& t : node) {
      TestCase tc = c.kind == ChallengeKind::function ? function_test(c, t) : class_test(c, t);
      if (!names.insert(tc.name).second) {
        fail(t["name"], fmt::format("duplicate test name `{}`", tc.name));
      }
      c.tests.push_back(std::move(tc));
    }
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

  TestCase function_test(const Challenge& c, const YAML::Node& t) {
    if (!t.IsMap()) {
      fail(t, "a test must be a mapping: {name: …, args: […], expected: …}");
    }
    auto keys = check_keys(t, {"name", "sample", "points", "args", "expected"}, "test");
    TestCase tc = common_test(t, keys);
    Call call;
    call.method = c.entry;
    call.args = arguments(required(t, keys, "args"), c.function, tc.name);
    call.expected = value(required(t, keys, "expected"), c.function.result,
                          fmt::format("test `{}`: expected value", tc.name));
    tc.calls.push_back(std::move(call));
    return tc;
  }

  TestCase class_test(const Challenge& c, const YAML::Node& t) {
    if (!t.IsMap()) {
      fail(t, "a test must be a mapping: {name: …, ops: […], args: […], expected: […]}");
    }
    auto keys = check_keys(t, {"name", "sample", "points", "ops", "args", "expected"}, "test");
    TestCase tc = common_test(t, keys);
    YAML::Node ops = required(t, keys, "ops");
    YAML::Node args = required(t, keys, "args");
    YAML::Node expected = required(t, keys, "expected");
    for (const auto& [node, what] :
         {std::pair{ops, "ops"}, {args, "args"}, {expected, "expected"}}) {
      if (!node.IsSequence()) {
        fail(node, fmt::format("test `{}`: `{}` must be a list", tc.name, what));
      }
    }
    if (ops.size() == 0) {
      fail(ops,
           fmt::format("test `{}`: `ops` must start with the class name `{}`", tc.name, c.entry));
    }
    if (args.size() != ops.size() || expected.size() != ops.size()) {
      fail(t, fmt::format("test `{}`: ops, args and expected must have the same length "
                          "(got {}, {} and {})",
                          tc.name, ops.size(), args.size(), expected.size()));
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
      call.expected = value(expected[i], sig->result,
                            fmt::format("test `{}`: expected value of op {} `{}`", tc.name, i, op));
      tc.calls.push_back(std::move(call));
    }
    return tc;
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
    using TK = Type::Kind;
    if (type.kind == TK::union_of) {
      if (node.IsNull() && type.accepts_none()) {
        return Value::none();
      }
      std::optional<SpecError> first_error;
      for (const Type& alt : type.args) {
        if (alt.kind == TK::none) {
          continue;
        }
        try {
          return value(node, alt, what, depth);
        } catch (const SpecError& e) {
          if (!first_error) {
            first_error = e;
          }
        }
      }
      fail(node, fmt::format("{}: expected {}, got {}", what, type.to_string(), describe(node)));
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

  Value scalar(const YAML::Node& node, const Type& type, const std::string& what) {
    using TK = Type::Kind;
    const std::string& s = node.Scalar();
    bool quoted = node.Tag() == "!";
    if (type.kind == TK::str) {
      return Value::str(s);
    }
    if (type.kind == TK::bytes) {
      return Value::bytes(s);
    }
    Value v = quoted ? Value::str(s) : resolve_plain(s);
    bool fits = (type.kind == TK::any) ||
                (type.kind == TK::integer && v.kind() == Value::Kind::integer) ||
                (type.kind == TK::real && v.is_number()) ||
                (type.kind == TK::boolean && v.kind() == Value::Kind::boolean);
    if (!fits) {
      fail(node, fmt::format("{}: expected {}, got {} {}", what, type.to_string(), v.type_name(),
                             repr(v, 40)));
    }
    if (type.kind == TK::real && v.kind() == Value::Kind::integer) {
      return Value::real(v.as_number());
    }
    return v;
  }

  // YAML 1.2 core schema for untagged plain scalars.
  static Value resolve_plain(const std::string& s) {
    static const std::regex int_re(R"([-+]?[0-9]+)");
    static const std::regex float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (s == "true" || s == "True" || s == "TRUE") {
      return Value::boolean(true);
    }
    if (s == "false" || s == "False" || s == "FALSE") {
      return Value::boolean(false);
    }
    if (std::regex_match(s, int_re)) {
      return Value::integer(*BigInt::from_decimal(s));
    }
    if (std::regex_match(s, float_re)) {
      return Value::real(std::strtod(s.c_str(), nullptr));
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
  fs::path file_;
  size_t values_built_ = 0;
};

}  // namespace

Expected<Challenge> load_challenge(const fs::path& dir) {
  fs::path spec = dir / "challenge.yaml";
  std::error_code ec;
  if (!fs::is_regular_file(spec, ec)) {
    return Error{fmt::format("{}: no challenge.yaml in this folder", spec.string())};
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
  if (fs::is_directory(p, ec) && (arg.find('/') != std::string::npos || arg == "." ||
                                  fs::is_regular_file(p / "challenge.yaml", ec))) {
    fs::path dir = fs::absolute(p).lexically_normal();
    return dir.has_filename() ? dir : dir.parent_path();  // "dir/" → "dir"
  }
  if (arg.find('/') == std::string::npos && !arg.empty()) {
    fs::path bundled = challenges_root / arg;
    if (fs::is_regular_file(bundled / "challenge.yaml", ec)) {
      return bundled;
    }
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
  }
  return PYJUDGE_SOURCE_CHALLENGES;
}

}  // namespace pyjudge::judge
