// Running the challenge author's Python — a checker's check(), a generator's generate() —
// in a harness of its own. It is sandboxed like a submission and never shares a process
// with candidate code (I1): a checker may see expected values, a candidate never does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "judge/value.hpp"

namespace pyjudge::judge {

struct TrustedCall {
  std::vector<Value> args;
  Value kwargs = Value::dict({});  // str keys
};

struct TrustedResult {
  std::optional<Value> value;  // what the function returned
  std::string error;           // else why not: the exception with its line, a crash, …
};

struct TrustedRun {
  std::filesystem::path harness_exe;
  std::filesystem::path file;  // the author's Python file
  std::string entry;           // the function to call
  bool unsafe = false;
  uint32_t time_ms = 10000;  // CPU per call
  uint32_t memory_mb = 1024;
};

// One result per call, in order. Never throws for failures of the author's code: they are
// in TrustedResult::error.
std::vector<TrustedResult> run_trusted(const TrustedRun& run,
                                       const std::vector<TrustedCall>& calls);

}  // namespace pyjudge::judge
