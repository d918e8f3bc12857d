#include "judge/verdict.hpp"

#include <array>
#include <utility>

namespace pyjudge::judge {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> k_names = {{
    {"AC", "accepted"},
    {"WA", "wrong answer"},
    {"TLE", "time limit exceeded"},
    {"MLE", "memory limit exceeded"},
    {"OLE", "output limit exceeded"},
    {"RE", "runtime error"},
    {"CE", "compile error"},
    {"SV", "sandbox violation"},
    {"IE", "internal error"},
}};
}  // namespace

std::string_view to_string(Verdict v) {
  return k_names.at(static_cast<size_t>(v)).first;
}
std::string_view describe(Verdict v) {
  return k_names.at(static_cast<size_t>(v)).second;
}

std::optional<Verdict> verdict_from_string(std::string_view s) {
  for (size_t i = 0; i < k_names.size(); ++i) {
    if (k_names[i].first == s) {
      return static_cast<Verdict>(i);
    }
  }
  return std::nullopt;
}

}  // namespace pyjudge::judge
