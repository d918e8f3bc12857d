#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "judge/growth.hpp"

using namespace pyjudge::judge;

namespace {

// Five rounds per size of c·f(n) seconds, each with multiplicative noise of ±noise.
std::vector<SizeSamples> measure(double (*cand)(double), double (*ref)(double), double noise,
                                 std::vector<double> ns = {1000, 2000, 4000, 8000, 16000, 32000}) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> jitter(1 - noise, 1 + noise);
  std::vector<SizeSamples> out;
  for (double n : ns) {
    SizeSamples s;
    s.n = n;
    for (int r = 0; r < 5; ++r) {
      s.candidate.push_back(cand(n) * jitter(rng));
      s.reference.push_back(ref(n) * jitter(rng));
    }
    out.push_back(s);
  }
  return out;
}

double linear(double n) {
  return 1e-6 * n;
}
double linear_slow(double n) {
  return 3e-6 * n;
}
double n_log_n(double n) {
  return 1e-7 * n * std::log(n);
}
double power_1_35(double n) {
  return 1e-7 * std::pow(n, 1.35);
}
double quadratic(double n) {
  return 1e-9 * n * n;
}

}  // namespace

TEST_CASE("growth: the same growth, even 3× slower, is like the reference") {
  Growth g = fit_growth(measure(linear_slow, linear, 0.07), false);
  CHECK(g.verdict == GrowthVerdict::like_reference);
  CHECK(g.exponent == doctest::Approx(1).epsilon(0.1));
  CHECK(g.ci_lo < 0.35);
  CHECK(g.ci_hi < 0.35);
}

TEST_CASE("growth: n² against n is worse, with the exponent") {
  Growth g = fit_growth(measure(quadratic, linear, 0.07), false);
  CHECK(g.verdict == GrowthVerdict::worse);
  CHECK(g.exponent == doctest::Approx(2).epsilon(0.1));
  CHECK(g.relative_exponent == doctest::Approx(1).epsilon(0.1));
  CHECK(g.ci_lo > 0.35);
  CHECK(g.reason.find("relative to the reference it grows like n^") != std::string::npos);
}

TEST_CASE("growth: n log n is not told apart from n") {
  Growth g = fit_growth(measure(n_log_n, linear, 0.07), false);
  CHECK(g.verdict != GrowthVerdict::worse);
  CHECK(g.relative_exponent == doctest::Approx(0.12).epsilon(0.5));
}

TEST_CASE("growth: too few sizes, or noise wider than the range, is inconclusive") {
  Growth few = fit_growth(measure(quadratic, linear, 0.07, {1000, 2000}), false);
  CHECK(few.verdict == GrowthVerdict::inconclusive);
  CHECK(few.reason.find("at least 3") != std::string::npos);
  // Two doublings with ±60 % noise: the interval is too wide to say anything.
  Growth noisy = fit_growth(measure(n_log_n, linear, 0.6, {1000, 1400, 2000}), false);
  CHECK(noisy.verdict == GrowthVerdict::inconclusive);
}

TEST_CASE("growth: a candidate stopped early counts as evidence") {
  Growth g = fit_growth(measure(quadratic, linear, 0.3, {1000, 1500, 2000}), true);
  CHECK(g.verdict == GrowthVerdict::worse);
  // Stopped at the second size: two points and the stop still say worse...
  Growth two = fit_growth(measure(quadratic, linear, 0.05, {1000, 2000}), true);
  CHECK(two.verdict == GrowthVerdict::worse);
  // ...but two points alone, without the stop, say nothing.
  Growth unstopped = fit_growth(measure(linear, linear, 0.05, {1000, 2000}), false);
  CHECK(unstopped.verdict == GrowthVerdict::inconclusive);
  // Stopped, but relatively flat: not enough to call it worse, nor like the reference.
  Growth flat = fit_growth(measure(linear_slow, linear, 0.05, {1000, 2000, 4000}), true);
  CHECK(flat.verdict == GrowthVerdict::inconclusive);
}

TEST_CASE("growth: speed is the ratio of medians, ties within 15 %") {
  SizeSamples s{1000, {1.1, 1.0, 1.2}, {1.0, 1.0, 1.0}};
  CHECK(speed_of(s).ratio == doctest::Approx(1.1));
  CHECK(speed_of(s).verdict == SpeedVerdict::tie);
  s.candidate = {2.0, 2.1, 1.9};
  CHECK(speed_of(s).verdict == SpeedVerdict::slower);
  s.candidate = {0.5, 0.5, 0.5};
  CHECK(speed_of(s).verdict == SpeedVerdict::faster);
}

TEST_CASE("growth: above the reference but not clearly by the margin says which way it leans") {
  Growth g = fit_growth(measure(power_1_35, linear, 0.07), false);
  INFO(g.reason);
  REQUIRE(g.ci_lo < 0.35);
  REQUIRE(g.ci_hi > 0.35);
  CHECK(g.verdict == GrowthVerdict::inconclusive);
  CHECK(g.reason.starts_with("it likely grows faster than the reference (relative n^"));
}
