#include "judge/compare.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

namespace pyjudge::judge {

namespace {

constexpr size_t k_shown = 60;  // characters of a value quoted in a message

std::string show(const Value& v) {
  return repr(v, k_shown);
}

std::string prefix(const std::string& path) {
  return path.empty() ? "" : "at " + path + ": ";
}

class Comparer {
 public:
  explicit Comparer(const CompareSpec& spec) : spec_(spec) {}

  // Empty string when equal, else the reason.
  std::string diff(const Value& exp, const Value& got, const std::string& path) {
    using K = Value::Kind;
    if (exp.kind() == K::real && got.is_number()) {
      bool match = got.kind() == K::integer && spec_.mode != CompareMode::floating
                       ? real_equals_int(exp.as_real(), got)
                       : numbers_match(exp.as_number(), got.as_number());
      return match ? "" : fmt::format("{}expected {}, got {}", prefix(path), show(exp), show(got));
    }
    if (spec_.mode == CompareMode::set && path.empty() && (exp.is_sequence() || exp.is_set()) &&
        (got.is_sequence() || got.is_set())) {
      // `set`: which items, in any order, each once.
      if (got.is_sequence()) {
        std::vector<Value> items = got.items();
        std::sort(items.begin(), items.end(),
                  [](const Value& x, const Value& y) { return compare(x, y) < 0; });
        for (size_t i = 1; i < items.size(); ++i) {
          if (compare(items[i - 1], items[i]) == 0) {
            return fmt::format("{} appears more than once; each item must appear once",
                               show(items[i]));
          }
        }
      }
      return sets(Value::set(exp.items()), Value::set(got.items()), path);
    }
    if (exp.is_sequence() && got.is_sequence()) {
      return sequences(exp, got, path);
    }
    if (exp.is_node() && exp.kind() == got.kind()) {
      return nodes(exp, got, path);
    }
    if ((exp.is_set() && got.is_set()) || (exp.kind() == K::dict && got.kind() == K::dict)) {
      return exp.kind() == K::dict ? dicts(exp, got, path) : sets(exp, got, path);
    }
    if (exp.kind() != got.kind()) {
      return fmt::format("{}expected {} {}, got {} {}", prefix(path), exp.type_name(), show(exp),
                         got.type_name(), show(got));
    }
    if (compare(exp, got) == 0) {
      return "";
    }
    if (exp.kind() == K::str && exp.as_text().size() + got.as_text().size() > 2 * k_shown) {
      return strings(exp.as_text(), got.as_text(), path);
    }
    return fmt::format("{}expected {}, got {}", prefix(path), show(exp), show(got));
  }

 private:
  bool numbers_match(double a, double b) const {
    if (std::isnan(a) || std::isnan(b)) {
      return std::isnan(a) && std::isnan(b);
    }
    if (a == b) {
      return true;
    }
    if (spec_.mode != CompareMode::floating || std::isinf(a) || std::isinf(b)) {
      return false;
    }
    double tol = std::max(spec_.abs_tol, spec_.rel_tol * std::max(std::fabs(a), std::fabs(b)));
    return std::fabs(a - b) <= tol;
  }

  // Exact, like Python's 1e16 == 10**16 + 1 (False): no rounding through double.
  static bool real_equals_int(double d, const Value& i) {
    if (!std::isfinite(d) || d != std::floor(d)) {
      return false;
    }
    if (i.is_small_int()) {
      return std::fabs(d) < 9.2e18 && static_cast<int64_t>(d) == i.as_int();
    }
    auto as_big = BigInt::from_decimal(fmt::format("{:.0f}", d));
    return as_big && *as_big == i.as_big();
  }

  // Serialisations of the same node type, in order (a graph's adjacency lists too).
  std::string nodes(const Value& exp, const Value& got, const std::string& path) {
    CompareSpec ordered = spec_;
    ordered.mode = spec_.mode == CompareMode::floating ? spec_.mode : CompareMode::exact;
    std::string d = Comparer(ordered).diff(Value::list(exp.items()), Value::list(got.items()), "");
    if (d.empty()) {
      return "";
    }
    return fmt::format("{}expected {}, got {} ({})", prefix(path), show(exp), show(got), d);
  }

  std::string sequences(const Value& exp, const Value& got, const std::string& path) {
    bool unordered = spec_.mode == CompareMode::nested_unordered ||
                     (spec_.mode == CompareMode::unordered && path.empty());
    if (exp.size() != got.size()) {
      std::string extra = unordered ? multiset_delta(exp, got) : "";
      return fmt::format("{}expected {} item{}, got {}{}", prefix(path), exp.size(),
                         exp.size() == 1 ? "" : "s", got.size(), extra);
    }
    if (!unordered) {
      for (size_t i = 0; i < exp.size(); ++i) {
        std::string d = diff(exp.items()[i], got.items()[i], path + "[" + std::to_string(i) + "]");
        if (!d.empty()) {
          return d;
        }
      }
      return "";
    }
    // Order-insensitive: canonicalise both sides (recursively for nested-unordered), then
    // match element-wise.
    std::vector<Value> a = sorted_items(exp);
    std::vector<Value> b = sorted_items(got);
    for (size_t i = 0; i < a.size(); ++i) {
      if (!diff(a[i], b[i], path + "[*]").empty()) {
        return fmt::format("{}same number of items but different contents (order ignored){}",
                           prefix(path), multiset_delta(exp, got));
      }
    }
    return "";
  }

  std::vector<Value> sorted_items(const Value& seq) {
    std::vector<Value> items;
    items.reserve(seq.size());
    for (const Value& v : seq.items()) {
      items.push_back(spec_.mode == CompareMode::nested_unordered ? canonical(v) : v);
    }
    std::sort(items.begin(), items.end(),
              [](const Value& x, const Value& y) { return compare(x, y) < 0; });
    return items;
  }

  // Every sequence sorted, at every level (nested-unordered).
  Value canonical(const Value& v) {
    if (v.is_sequence()) {
      return Value::list(sorted_items(v));
    }
    return v;
  }

  // ": missing [x], unexpected [y]" for order-insensitive comparisons.
  std::string multiset_delta(const Value& exp, const Value& got) {
    std::vector<Value> a = sorted_items(exp);
    std::vector<Value> b = sorted_items(got);
    std::vector<Value> missing;
    std::vector<Value> unexpected;
    size_t i = 0;
    size_t j = 0;
    auto less = [](const Value& x, const Value& y) { return compare(x, y) < 0; };
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && less(a[i], b[j]))) {
        missing.push_back(a[i++]);
      } else if (i == a.size() || less(b[j], a[i])) {
        unexpected.push_back(b[j++]);
      } else {
        ++i;
        ++j;
      }
    }
    std::string out;
    if (!missing.empty()) {
      out += "; missing " + repr(Value::list(std::move(missing)), k_shown);
    }
    if (!unexpected.empty()) {
      out += "; unexpected " + repr(Value::list(std::move(unexpected)), k_shown);
    }
    return out;
  }

  std::string sets(const Value& exp, const Value& got, const std::string& path) {
    if (exp.size() == got.size()) {
      bool same = true;
      for (size_t i = 0; i < exp.size() && same; ++i) {
        same = diff(exp.items()[i], got.items()[i], path).empty();
      }
      if (same) {
        return "";
      }
    }
    return fmt::format("{}sets differ{}", prefix(path), multiset_delta(exp, got));
  }

  // Both dicts keep their keys in canonical order: one merge pass.
  std::string dicts(const Value& exp, const Value& got, const std::string& path) {
    const auto& a = exp.items();
    const auto& b = got.items();
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() || j < b.size()) {
      int c = i == a.size() ? 1 : (j == b.size() ? -1 : compare(a[i], b[j]));
      if (c < 0) {
        return fmt::format("{}missing key {}", prefix(path), show(a[i]));
      }
      if (c > 0) {
        return fmt::format("{}unexpected key {}", prefix(path), show(b[j]));
      }
      std::string d = diff(a[i + 1], b[j + 1], path + "[" + repr(a[i], 20) + "]");
      if (!d.empty()) {
        return d;
      }
      i += 2;
      j += 2;
    }
    return "";
  }

  static std::string strings(const std::string& exp, const std::string& got,
                             const std::string& path) {
    size_t i = 0;
    while (i < exp.size() && i < got.size() && exp[i] == got[i]) {
      ++i;
    }
    auto window = [i](const std::string& s) {
      size_t from = i > 10 ? i - 10 : 0;
      return repr(Value::str(s.substr(from, 30)));
    };
    return fmt::format(
        "{}strings differ at character {} (lengths {} and {}): expected …{}…, got "
        "…{}…",
        prefix(path), i, exp.size(), got.size(), window(exp), window(got));
  }

  const CompareSpec& spec_;
};

}  // namespace

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

struct Token {
  std::string_view text;
  std::string_view space_before;  // the whitespace run in front of it
  size_t line = 1;
};

std::vector<Token> tokenize(std::string_view s, std::string_view* trailing) {
  std::vector<Token> out;
  size_t i = 0;
  size_t line = 1;
  while (i < s.size()) {
    size_t ws = i;
    while (i < s.size() && is_space(s[i])) {
      line += s[i] == '\n' ? 1 : 0;
      ++i;
    }
    if (i == s.size()) {
      *trailing = s.substr(ws);
      break;
    }
    size_t start = i;
    while (i < s.size() && !is_space(s[i])) {
      ++i;
    }
    out.push_back({s.substr(start, i - start), s.substr(ws, start - ws), line});
  }
  return out;
}

std::optional<double> as_number(std::string_view token) {
  std::string t(token);
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0' || errno == ERANGE) {
    return std::nullopt;
  }
  // strtod also reads "nan", "inf" and hex floats: accept only decimal notation.
  if (t.find_first_not_of("0123456789+-.eE") != std::string::npos) {
    return std::nullopt;
  }
  return d;
}

bool tokens_match(std::string_view exp, std::string_view got, const CompareSpec& spec) {
  if (spec.output.has_tolerance) {
    auto a = as_number(exp);
    auto b = as_number(got);
    if (a && b) {
      double diff = std::fabs(*a - *b);
      return diff <= spec.abs_tol || diff <= spec.rel_tol * std::fabs(*a);
    }
  }
  if (spec.output.case_sensitive) {
    return exp == got;
  }
  return exp.size() == got.size() &&
         std::equal(exp.begin(), exp.end(), got.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string quote(std::string_view token) {
  constexpr size_t k_max = 40;
  std::string t(token.substr(0, k_max));
  return "`" + t + (token.size() > k_max ? "…`" : "`");
}

}  // namespace

Comparison compare_output(std::string_view expected, std::string_view got,
                          const CompareSpec& spec) {
  std::string_view exp_tail;
  std::string_view got_tail;
  std::vector<Token> a = tokenize(expected, &exp_tail);
  std::vector<Token> b = tokenize(got, &got_tail);
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!tokens_match(a[i].text, b[i].text, spec)) {
      return {false, fmt::format("line {}, token {}: expected {}, got {}", a[i].line, i + 1,
                                 quote(a[i].text), quote(b[i].text))};
    }
    if (spec.output.space_sensitive && a[i].space_before != b[i].space_before) {
      return {false, fmt::format("line {}: the whitespace before token {} ({}) differs from the "
                                 "expected output's",
                                 a[i].line, i + 1, quote(a[i].text))};
    }
  }
  if (a.size() > b.size()) {
    return {false,
            fmt::format("the output ended after {} token{}; expected {} (next: {} on line {})",
                        b.size(), b.size() == 1 ? "" : "s", a.size(), quote(a[b.size()].text),
                        a[b.size()].line)};
  }
  if (b.size() > a.size()) {
    return {false,
            fmt::format("extra output after the expected {} token{}: {} on line {}", a.size(),
                        a.size() == 1 ? "" : "s", quote(b[a.size()].text), b[a.size()].line)};
  }
  auto strip_newline = [](std::string_view t) {
    if (t.ends_with("\r\n")) {
      t.remove_suffix(2);
    } else if (t.ends_with("\n")) {
      t.remove_suffix(1);
    }
    return t;
  };
  if (spec.output.space_sensitive && strip_newline(exp_tail) != strip_newline(got_tail)) {
    return {false, "the whitespace at the end of the output differs"};
  }
  return {true, ""};
}

Comparison compare_values(const Value& expected, const Value& got, const CompareSpec& spec) {
  Comparer c(spec);
  std::string why = c.diff(expected, got, "");
  return {why.empty(), why};
}

}  // namespace pyjudge::judge
