// Verdicts are an enum, decided from typed outcomes — never parsed out of a message.
#pragma once

#include <optional>
#include <string_view>

namespace pyjudge::judge {

enum class Verdict {
  AC,   // accepted
  WA,   // wrong answer (includes values that cannot be compared: subclasses, cycles, …)
  TLE,  // CPU or wall-clock limit
  MLE,  // memory limit
  OLE,  // output limit: printed too much, or returned a value over the size limit
  RE,   // runtime error: an exception, a crash, or no result at all
  CE,   // does not compile, or the entry point is missing
  SV,   // sandbox violation: the candidate tried a blocked operation
  IE,   // internal error: the judge's fault, never the candidate's
};

std::string_view to_string(Verdict v);
std::string_view describe(Verdict v);  // "wrong answer", …
std::optional<Verdict> verdict_from_string(std::string_view s);

}  // namespace pyjudge::judge
