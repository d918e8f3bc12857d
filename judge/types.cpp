#include "judge/types.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace pyjudge::judge {

namespace {

struct Token {
  enum class Kind { name, punct, ellipsis, end } kind = Kind::end;
  std::string text;
  size_t offset = 0;
};

// Recursive-descent parser over a signature or annotation.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { advance(); }

  Expected<Type> type() {
    Expected<Type> first = primary();
    if (!first) {
      return first;
    }
    if (!is_punct("|")) {
      return first;
    }
    Type u{Type::Kind::union_of, {std::move(first.value())}};
    while (is_punct("|")) {
      advance();
      Expected<Type> next = primary();
      if (!next) {
        return next;
      }
      u.args.push_back(std::move(next.value()));
    }
    return u;
  }

  // `method`: a class's method, whose first parameter may be `self` (implicit).
  Expected<FunctionSignature> function(bool method) {
    if (!is_name("def")) {
      return fail("expected `def NAME(…) -> TYPE`");
    }
    advance();
    if (tok_.kind != Token::Kind::name) {
      return fail("expected the function's name after `def`");
    }
    if (is_keyword(tok_.text)) {
      return fail(fmt::format("`{}` is a Python keyword: it cannot name a function", tok_.text));
    }
    FunctionSignature sig;
    sig.name = tok_.text;
    advance();
    if (auto e = expect("(")) {
      return *e;
    }
    bool first = true;
    size_t index = 0;
    while (!is_punct(")")) {
      if (!first) {
        if (auto e = expect(",")) {
          return *e;
        }
        if (is_punct(")")) {
          break;  // trailing comma
        }
      }
      first = false;
      if (is_punct("/") || is_punct("*") || is_punct("**")) {
        return fail(is_punct("/")
                        ? "the positional-only marker `/` is not supported: list the parameters"
                        : "`*` and `**` (keyword-only parameters, *args, **kwargs) are not "
                          "supported: name each parameter with its type");
      }
      if (tok_.kind != Token::Kind::name) {
        return fail("expected a parameter name");
      }
      Param p{tok_.text, {}};
      bool is_self = method && index++ == 0 && p.name == "self";  // implicit in methods
      if (is_keyword(p.name)) {
        return fail(fmt::format("`{}` is a Python keyword: it cannot name a parameter", p.name));
      }
      if (p.name == "self" && !method) {
        return fail(
            "`self` belongs to a class's methods: a function challenge's signature is "
            "a module-level function (or use kind: class)");
      }
      if (std::any_of(sig.params.begin(), sig.params.end(),
                      [&](const Param& q) { return q.name == p.name; })) {
        return fail(fmt::format("parameter `{}` is given twice", p.name));
      }
      advance();
      if (is_punct(":")) {
        advance();
        Expected<Type> t = type();
        if (!t) {
          return t.error();
        }
        p.type = std::move(t.value());
      } else if (!is_self) {
        return fail(fmt::format("parameter `{}` needs a type annotation", p.name));
      }
      if (is_punct("=")) {
        return fail(fmt::format("parameter `{}`: default values are not supported", p.name));
      }
      if (!is_self) {
        sig.params.push_back(std::move(p));
      }
    }
    advance();  // ')'
    if (is_punct("->")) {
      advance();
      Expected<Type> t = type();
      if (!t) {
        return t.error();
      }
      sig.result = std::move(t.value());
    }
    if (is_punct(":")) {  // tolerate a trailing "def f(...) -> T:" with optional "..."
      advance();
      if (tok_.kind == Token::Kind::ellipsis || is_name("pass")) {
        advance();
      }
    }
    if (tok_.kind != Token::Kind::end) {
      return fail(fmt::format("unexpected `{}` after the signature", tok_.text));
    }
    return sig;
  }

  [[nodiscard]] bool at_end() const { return tok_.kind == Token::Kind::end; }

  static bool is_keyword(std::string_view name) {
    static const std::set<std::string_view> keywords = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    return keywords.contains(name);
  }
  Error fail(std::string message) const { return Error{std::move(message), tok_.offset}; }

 private:
  Expected<Type> primary() {
    if (tok_.kind != Token::Kind::name) {
      return fail(tok_.kind == Token::Kind::end
                      ? "expected a type, found the end"
                      : fmt::format("expected a type, found `{}`", tok_.text));
    }
    std::string name = tok_.text;
    size_t at = tok_.offset;
    if (name.starts_with("typing.")) {
      name = name.substr(7);
    }
    advance();
    static const std::map<std::string, Type::Kind, std::less<>> scalars = {
        {"int", Type::Kind::integer},
        {"float", Type::Kind::real},
        {"bool", Type::Kind::boolean},
        {"str", Type::Kind::str},
        {"bytes", Type::Kind::bytes},
        {"None", Type::Kind::none},
        {"Any", Type::Kind::any},
        {"object", Type::Kind::any},
        {"ListNode", Type::Kind::linked_list},
        {"TreeNode", Type::Kind::tree},
        {"Node", Type::Kind::graph},
    };
    if (auto it = scalars.find(name); it != scalars.end()) {
      return Type{it->second, {}};
    }
    static const std::map<std::string, Type::Kind, std::less<>> generics = {
        {"list", Type::Kind::list},
        {"List", Type::Kind::list},
        {"tuple", Type::Kind::tuple},
        {"Tuple", Type::Kind::tuple},
        {"set", Type::Kind::set},
        {"Set", Type::Kind::set},
        {"frozenset", Type::Kind::frozenset},
        {"FrozenSet", Type::Kind::frozenset},
        {"dict", Type::Kind::dict},
        {"Dict", Type::Kind::dict},
        {"Optional", Type::Kind::union_of},
        {"Union", Type::Kind::union_of},
        {"Iterator", Type::Kind::iterator},
        {"Iterable", Type::Kind::iterator},
        {"Generator", Type::Kind::iterator},
    };
    auto it = generics.find(name);
    if (it == generics.end()) {
      return Error{fmt::format("unknown type `{}` (use int, float, bool, str, bytes, None, Any, "
                               "list[…], tuple[…], set[…], frozenset[…], dict[…, …], Optional[…], "
                               "ListNode, TreeNode, Node, Iterator[…])",
                               name),
                   at};
    }
    Type t{it->second, {}};
    if (!is_punct("[")) {
      if (t.kind == Type::Kind::union_of) {
        return Error{fmt::format("`{}` needs type arguments", name), at};
      }
      // Bare `list` means list[Any] and so on.
      size_t arity = t.kind == Type::Kind::dict ? 2 : (t.kind == Type::Kind::tuple ? 0 : 1);
      t.args.assign(arity, Type{});
      if (t.kind == Type::Kind::tuple) {
        t.kind = Type::Kind::tuple_of;
        t.args.assign(1, Type{});
      }
      return t;
    }
    advance();
    while (true) {
      if (tok_.kind == Token::Kind::ellipsis) {
        if (t.kind != Type::Kind::tuple || t.args.size() != 1) {
          return fail("`...` is only allowed as tuple[T, ...]");
        }
        t.kind = Type::Kind::tuple_of;
        advance();
      } else {
        Expected<Type> arg = type();
        if (!arg) {
          return arg;
        }
        t.args.push_back(std::move(arg.value()));
      }
      if (is_punct(",")) {
        advance();
        continue;
      }
      if (auto e = expect("]")) {
        return *e;
      }
      break;
    }
    if (name == "Optional") {
      if (t.args.size() != 1) {
        return Error{"Optional takes exactly one type argument", at};
      }
      t.args.push_back(Type{Type::Kind::none, {}});
    }
    if (name == "Generator") {
      if (t.args.size() != 3) {
        return Error{"Generator takes three type arguments: Generator[YieldType, None, None]", at};
      }
      t.args.resize(1);  // only what it yields is checked
    }
    size_t want = (t.kind == Type::Kind::list || t.kind == Type::Kind::set ||
                   t.kind == Type::Kind::frozenset || t.kind == Type::Kind::tuple_of ||
                   t.kind == Type::Kind::iterator)
                      ? 1
                      : (t.kind == Type::Kind::dict ? 2 : 0);
    if (want != 0 && t.args.size() != want) {
      return Error{fmt::format("`{}` takes {} type argument{}, got {}", name, want,
                               want == 1 ? "" : "s", t.args.size()),
                   at};
    }
    return t;
  }

  std::optional<Error> expect(std::string_view punct) {
    if (!is_punct(punct)) {
      return fail(tok_.kind == Token::Kind::end
                      ? fmt::format("expected `{}`, found the end", punct)
                      : fmt::format("expected `{}`, found `{}`", punct, tok_.text));
    }
    advance();
    return std::nullopt;
  }

  [[nodiscard]] bool is_punct(std::string_view p) const {
    return tok_.kind == Token::Kind::punct && tok_.text == p;
  }
  [[nodiscard]] bool is_name(std::string_view n) const {
    return tok_.kind == Token::Kind::name && tok_.text == n;
  }

  void advance() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    tok_ = Token{};
    tok_.offset = pos_;
    if (pos_ >= text_.size()) {
      return;
    }
    char c = text_[pos_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                     text_[pos_] == '_' || text_[pos_] == '.')) {
        ++pos_;
      }
      tok_.kind = Token::Kind::name;
      tok_.text = text_.substr(start, pos_ - start);
      return;
    }
    if (text_.substr(pos_, 3) == "...") {
      tok_.kind = Token::Kind::ellipsis;
      tok_.text = "...";
      pos_ += 3;
      return;
    }
    if (text_.substr(pos_, 2) == "->") {
      tok_.kind = Token::Kind::punct;
      tok_.text = "->";
      pos_ += 2;
      return;
    }
    tok_.kind = Token::Kind::punct;
    tok_.text = std::string(1, c);
    ++pos_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token tok_;
};

}  // namespace

std::string Type::to_string() const {
  auto joined = [this] {
    std::string s;
    for (size_t i = 0; i < args.size(); ++i) {
      s += (i ? ", " : "") + args[i].to_string();
    }
    return s;
  };
  switch (kind) {
    case Kind::any:
      return "Any";
    case Kind::none:
      return "None";
    case Kind::boolean:
      return "bool";
    case Kind::integer:
      return "int";
    case Kind::real:
      return "float";
    case Kind::str:
      return "str";
    case Kind::bytes:
      return "bytes";
    case Kind::list:
      return "list[" + joined() + "]";
    case Kind::tuple:
      return "tuple[" + joined() + "]";
    case Kind::tuple_of:
      return "tuple[" + args[0].to_string() + ", ...]";
    case Kind::set:
      return "set[" + joined() + "]";
    case Kind::frozenset:
      return "frozenset[" + joined() + "]";
    case Kind::dict:
      return "dict[" + joined() + "]";
    case Kind::union_of: {
      std::string s;
      for (size_t i = 0; i < args.size(); ++i) {
        s += (i ? " | " : "") + args[i].to_string();
      }
      return s;
    }
    case Kind::linked_list:
      return "ListNode";
    case Kind::tree:
      return "TreeNode";
    case Kind::graph:
      return "Node";
    case Kind::iterator:
      return "Iterator[" + joined() + "]";
  }
  return "?";
}

bool Type::accepts_none() const {
  if (kind == Kind::any || kind == Kind::none) {
    return true;
  }
  if (kind == Kind::union_of) {
    for (const Type& a : args) {
      if (a.accepts_none()) {
        return true;
      }
    }
  }
  return false;
}

const FunctionSignature* ClassSignature::find(std::string_view method) const {
  for (const FunctionSignature& m : methods) {
    if (m.name == method) {
      return &m;
    }
  }
  return nullptr;
}

Expected<Type> parse_type(std::string_view text) {
  Parser p(text);
  Expected<Type> t = p.type();
  if (t && !p.at_end()) {
    return p.fail("unexpected text after the type");
  }
  return t;
}

Expected<FunctionSignature> parse_function_signature(std::string_view text, bool method) {
  Parser p(text);
  return p.function(method);
}

Expected<ClassSignature> parse_class_signature(std::string_view text) {
  ClassSignature cls;
  size_t line_start = 0;
  bool header_seen = false;
  std::optional<size_t> method_indent;  // the first method's; every other one's too
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) {
      line_end = text.size();
    }
    std::string_view line = text.substr(line_start, line_end - line_start);
    size_t indent = line.find_first_not_of(" \t\r");
    if (indent != std::string_view::npos && line[indent] != '#') {
      std::string_view body = line.substr(indent);
      while (!body.empty() && (body.back() == '\r' || body.back() == ' ')) {
        body.remove_suffix(1);
      }
      size_t at = line_start + indent;
      if (!header_seen) {
        if (!body.starts_with("class ") || !body.ends_with(":")) {
          return Error{"expected `class Name:` on the first line", at};
        }
        std::string_view name = body.substr(6, body.size() - 7);
        while (!name.empty() && name.front() == ' ') {
          name.remove_prefix(1);
        }
        while (!name.empty() && name.back() == ' ') {
          name.remove_suffix(1);
        }
        if (name.empty() || name.find_first_of("( ") != std::string_view::npos) {
          return Error{"expected `class Name:` (no base classes)", at};
        }
        cls.name = name;
        header_seen = true;
      } else {
        if (!method_indent) {
          method_indent = indent;
        }
        if (indent != *method_indent || indent == 0 ||
            line.substr(0, indent).find('\t') != std::string_view::npos) {
          return Error{"every method is indented alike under the class line, with spaces", at};
        }
        Expected<FunctionSignature> m = parse_function_signature(body, /*method=*/true);
        if (!m) {
          return Error{m.error().message, at + m.error().offset};
        }
        if (cls.find(m->name) != nullptr) {
          return Error{fmt::format("method `{}` is declared twice", m->name), at};
        }
        cls.methods.push_back(std::move(m.value()));
      }
    }
    line_start = line_end + 1;
  }
  if (!header_seen) {
    return Error{"expected `class Name:` followed by one `def` line per method", 0};
  }
  return cls;
}

namespace {

std::optional<std::string> mismatch_at(const Value& v, const Type& t, const std::string& path,
                                       bool loose = false);

std::string got(const Value& v) {
  std::string shown = repr(v, 40);
  return fmt::format("{} {}", v.type_name(), shown);
}

std::optional<std::string> wrong(const Value& v, const Type& t, const std::string& path) {
  return fmt::format("{}expected {}, got {}", path.empty() ? "" : "at " + path + ": ",
                     t.to_string(), got(v));
}

std::optional<std::string> each(const Value& v, const Type& item, const std::string& path,
                                bool loose) {
  const auto& xs = v.items();
  for (size_t i = 0; i < xs.size(); ++i) {
    if (auto m = mismatch_at(xs[i], item, path + "[" + std::to_string(i) + "]", loose)) {
      return m;
    }
  }
  return std::nullopt;
}

std::optional<std::string> mismatch_at(const Value& v, const Type& t, const std::string& path,
                                       bool loose) {
  // Loose: what compare() accepts as equal kinds — any sequence for a list or tuple, any set
  // for a set or frozenset.
  bool seq = v.is_sequence();
  bool set = v.is_set();
  using TK = Type::Kind;
  using VK = Value::Kind;
  switch (t.kind) {
    case TK::any:
      return std::nullopt;
    case TK::none:
      return v.is_none() ? std::nullopt : wrong(v, t, path);
    case TK::boolean:
      return v.kind() == VK::boolean ? std::nullopt : wrong(v, t, path);
    case TK::integer:
      return v.kind() == VK::integer ? std::nullopt : wrong(v, t, path);
    case TK::real:
      return v.is_number() ? std::nullopt : wrong(v, t, path);  // int is a float
    case TK::str:
      return v.kind() == VK::str ? std::nullopt : wrong(v, t, path);
    case TK::bytes:
      return v.kind() == VK::bytes ? std::nullopt : wrong(v, t, path);
    case TK::list:
      return v.kind() == VK::list || (loose && seq) ? each(v, t.args[0], path, loose)
                                                    : wrong(v, t, path);
    case TK::tuple_of:
      return v.kind() == VK::tuple || (loose && seq) ? each(v, t.args[0], path, loose)
                                                     : wrong(v, t, path);
    case TK::set:
      return v.kind() == VK::set || (loose && set) ? each(v, t.args[0], path, loose)
                                                   : wrong(v, t, path);
    case TK::frozenset:
      return v.kind() == VK::frozenset || (loose && set) ? each(v, t.args[0], path, loose)
                                                         : wrong(v, t, path);
    case TK::tuple: {
      if (!(v.kind() == VK::tuple || (loose && seq)) || v.size() != t.args.size()) {
        return wrong(v, t, path);
      }
      for (size_t i = 0; i < t.args.size(); ++i) {
        if (auto m =
                mismatch_at(v.items()[i], t.args[i], path + "[" + std::to_string(i) + "]", loose)) {
          return m;
        }
      }
      return std::nullopt;
    }
    case TK::dict: {
      if (v.kind() != VK::dict) {
        return wrong(v, t, path);
      }
      const auto& xs = v.items();
      for (size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (auto m = mismatch_at(xs[i], t.args[0], path + "{key " + repr(xs[i], 20) + "}", loose)) {
          return m;
        }
        if (auto m = mismatch_at(xs[i + 1], t.args[1], path + "[" + repr(xs[i], 20) + "]", loose)) {
          return m;
        }
      }
      return std::nullopt;
    }
    case TK::linked_list:
      return v.kind() == VK::linked_list ? std::nullopt : wrong(v, t, path);
    case TK::tree:
      return v.kind() == VK::tree ? std::nullopt : wrong(v, t, path);
    case TK::graph:
      return v.kind() == VK::graph ? std::nullopt : wrong(v, t, path);
    case TK::iterator:  // the items pulled, as a list
      return v.kind() == VK::list || (loose && seq) ? each(v, t.args[0], path, loose)
                                                    : wrong(v, t, path);
    case TK::union_of:
      for (const Type& alt : t.args) {
        if (!mismatch_at(v, alt, path, loose)) {
          return std::nullopt;
        }
      }
      return wrong(v, t, path);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> mismatch(const Value& v, const Type& t) {
  return mismatch_at(v, t, "");
}

std::optional<std::string> loose_mismatch(const Value& v, const Type& t) {
  return mismatch_at(v, t, "", true);
}

}  // namespace pyjudge::judge
