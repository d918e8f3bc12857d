// Speed and growth of a submission against the challenge's reference (the `performance`
// section): inputs of doubling sizes from the generator, both solutions timed in the same
// run, rounds interleaved A-B, B-A, … so machine noise hits both alike. Each sample is the
// CPU time of one call measured by the harness's C++ clocks after a warm-up, repeated until
// 10 ms (harness/job.cpp time_test). A candidate that already takes 20× the reference or
// 0.25 s per sample is not grown further; that counts as evidence (judge/growth.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "judge/growth.hpp"
#include "judge/judge.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

struct PerfOptions {
  std::filesystem::path harness_exe;
  bool unsafe = false;
  int rounds = 5;
};

struct PerfSize {
  int64_t n = 0;
  std::vector<double> candidate_s;  // one per round, seconds of CPU per call
  std::vector<double> reference_s;
  // The box's peak RSS in a run of this size (the kernel's rusage and the cgroup, read by
  // the judge), interpreter included, highest over the rounds.
  uint64_t candidate_peak_kb = 0;
  uint64_t reference_peak_kb = 0;
};

enum class MemoryVerdict { like_reference, more, less };
std::string_view to_string(MemoryVerdict v);

// Peak memory against the reference's at the largest size both were measured on, counted
// above what the box held once the solution had loaded (so the interpreter is left out).
// Both count the test's input once it is decoded. More than a quarter (and at least 1 MiB)
// apart either way is `more` or `less`; closer is like the reference.
struct Memory {
  int64_t n = 0;
  uint64_t candidate_kb = 0;  // peak minus the peak at load
  uint64_t reference_kb = 0;
  MemoryVerdict verdict = MemoryVerdict::like_reference;
};
Memory memory_of(int64_t n, uint64_t candidate_kb, uint64_t reference_kb);

struct PerfReport {
  std::string error;  // could not be measured (the reference failed, a harness fault, …)
  std::vector<PerfSize> sizes;        // those measured in every round, ascending
  std::optional<int64_t> stopped_at;  // the candidate was not grown beyond this size
  std::string stop_reason;
  Growth growth;
  Speed speed;  // at the largest size measured
  Memory memory;
  bool failed = false;        // slower than max_ratio × the reference, or a wrong timed answer
  bool wrong_answer = false;  // failed because a timed call's answer was wrong
  std::string message;
  std::string note;  // how it was measured, when not as usual (first calls only)
};

PerfReport measure_performance(const Challenge& c, const Submission& candidate,
                               const PerfOptions& options);

}  // namespace pyjudge::judge
