// Speed and growth from timing samples: the candidate and the reference measured on the same
// inputs of doubling sizes, interleaved in one run so machine noise hits both alike.
//
// Growth fits the log-log slope of the candidate's median time vs n (its exponent), and of
// the candidate/reference ratio vs n (the relative exponent), with a bootstrap confidence
// interval over the repetitions. The verdict never claims more than the data separate: on
// these machines n and n log n differ by a relative exponent of ~0.1 and cannot be told
// apart, n and n² differ by ~1 and can.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pyjudge::judge {

// One input size: the seconds each repetition took (index r of both vectors is the same
// round of the interleaved run).
struct SizeSamples {
  double n = 0;
  std::vector<double> candidate;
  std::vector<double> reference;
};

enum class GrowthVerdict { like_reference, worse, inconclusive };
std::string_view to_string(GrowthVerdict v);

struct Growth {
  GrowthVerdict verdict = GrowthVerdict::inconclusive;
  double exponent = 0;  // candidate: time ~ n^exponent
  double reference_exponent = 0;
  double relative_exponent = 0;  // (candidate / reference) ~ n^relative_exponent
  double ci_lo = 0;              // 95 % bootstrap interval of relative_exponent
  double ci_hi = 0;
  std::string reason;  // one line: why this verdict
};

// A relative exponent beyond this (at the interval's bound) is a different growth.
inline constexpr double k_growth_margin = 0.35;

// `stopped`: the candidate was not measured at larger sizes because it already took 20× the
// reference or 0.25 s per sample there — evidence that it grows faster. Needs ≥ 3 sizes
// (2 when stopped, and then only to say `worse`).
Growth fit_growth(const std::vector<SizeSamples>& sizes, bool stopped, uint64_t seed = 1);

enum class SpeedVerdict { faster, tie, slower };
std::string_view to_string(SpeedVerdict v);

struct Speed {
  double ratio = 1;  // candidate median / reference median (> 1: slower)
  SpeedVerdict verdict = SpeedVerdict::tie;
};

// Ratio of medians on one size; within ±15 % is a tie.
Speed speed_of(const SizeSamples& s);
// Over several sizes: the median of their ratios of medians (steadier than any one size).
Speed speed_of(const std::vector<SizeSamples>& sizes);

double median(std::vector<double> xs);

}  // namespace pyjudge::judge
