#include "judge/compare.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

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
      return numbers_match(exp.as_number(), got.as_number())
                 ? ""
                 : fmt::format("{}expected {}, got {}", prefix(path), show(exp), show(got));
    }
    if (exp.is_sequence() && got.is_sequence()) {
      return sequences(exp, got, path);
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

  std::string dicts(const Value& exp, const Value& got, const std::string& path) {
    const auto& a = exp.items();
    const auto& b = got.items();
    for (size_t i = 0; i < a.size(); i += 2) {
      auto it = std::find_if(b.begin(), b.end(), [&, k = size_t{0}](const Value& x) mutable {
        return (k++ % 2 == 0) && compare(x, a[i]) == 0;
      });
      if (it == b.end()) {
        return fmt::format("{}missing key {}", prefix(path), show(a[i]));
      }
      std::string d = diff(a[i + 1], *(it + 1), path + "[" + repr(a[i], 20) + "]");
      if (!d.empty()) {
        return d;
      }
    }
    if (b.size() > a.size()) {
      for (size_t j = 0; j < b.size(); j += 2) {
        bool known = false;
        for (size_t i = 0; i < a.size() && !known; i += 2) {
          known = compare(a[i], b[j]) == 0;
        }
        if (!known) {
          return fmt::format("{}unexpected key {}", prefix(path), show(b[j]));
        }
      }
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

Comparison compare_values(const Value& expected, const Value& got, const CompareSpec& spec) {
  Comparer c(spec);
  std::string why = c.diff(expected, got, "");
  return {why.empty(), why};
}

}  // namespace pyjudge::judge
