#include "judge/growth.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <random>

namespace pyjudge::judge {

namespace {

constexpr int k_bootstrap_rounds = 2000;
constexpr double k_tie = 0.15;

// Least-squares slope of y against x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0;
  double my = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(x.size());
  my /= static_cast<double>(y.size());
  double num = 0;
  double den = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    num += (x[i] - mx) * (y[i] - my);
    den += (x[i] - mx) * (x[i] - mx);
  }
  return den == 0 ? 0 : num / den;
}

struct Slopes {
  double candidate = 0;
  double reference = 0;
  double relative = 0;
};

// Slopes of the medians of the chosen repetitions (rounds[i] indexes size i's samples).
Slopes fit(const std::vector<SizeSamples>& sizes, const std::vector<std::vector<size_t>>* rounds) {
  std::vector<double> x;
  std::vector<double> yc;
  std::vector<double> yr;
  std::vector<double> yrel;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const SizeSamples& s = sizes[i];
    std::vector<double> c;
    std::vector<double> r;
    if (rounds == nullptr) {
      c = s.candidate;
      r = s.reference;
    } else {
      for (size_t k : (*rounds)[i]) {
        c.push_back(s.candidate[k]);
        r.push_back(s.reference[k]);
      }
    }
    double mc = std::max(median(c), 1e-9);
    double mr = std::max(median(r), 1e-9);
    x.push_back(std::log(s.n));
    yc.push_back(std::log(mc));
    yr.push_back(std::log(mr));
    yrel.push_back(std::log(mc / mr));
  }
  return {slope(x, yc), slope(x, yr), slope(x, yrel)};
}

SpeedVerdict speed_verdict(double ratio) {
  return ratio > 1 + k_tie   ? SpeedVerdict::slower
         : ratio < 1 - k_tie ? SpeedVerdict::faster
                             : SpeedVerdict::tie;
}

}  // namespace

std::string_view to_string(GrowthVerdict v) {
  switch (v) {
    case GrowthVerdict::like_reference:
      return "like-reference";
    case GrowthVerdict::worse:
      return "worse";
    case GrowthVerdict::inconclusive:
      return "inconclusive";
  }
  return "?";
}

std::string_view to_string(SpeedVerdict v) {
  switch (v) {
    case SpeedVerdict::faster:
      return "faster";
    case SpeedVerdict::tie:
      return "tie";
    case SpeedVerdict::slower:
      return "slower";
  }
  return "?";
}

double median(std::vector<double> xs) {
  if (xs.empty()) {
    return 0;
  }
  std::sort(xs.begin(), xs.end());
  size_t m = xs.size() / 2;
  return xs.size() % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

Speed speed_of(const SizeSamples& s) {
  Speed sp;
  double mr = median(s.reference);
  sp.ratio = mr > 0 ? median(s.candidate) / mr : 1;
  sp.verdict = speed_verdict(sp.ratio);
  return sp;
}

Speed speed_of(const std::vector<SizeSamples>& sizes) {
  std::vector<double> ratios;
  for (const SizeSamples& s : sizes) {
    ratios.push_back(speed_of(s).ratio);
  }
  Speed sp;
  sp.ratio = ratios.empty() ? 1 : median(ratios);
  sp.verdict = speed_verdict(sp.ratio);
  return sp;
}

Growth fit_growth(const std::vector<SizeSamples>& sizes, bool stopped, uint64_t seed) {
  Growth g;
  std::vector<SizeSamples> usable;
  for (const SizeSamples& s : sizes) {
    if (!s.candidate.empty() && s.candidate.size() == s.reference.size() && s.n > 0) {
      usable.push_back(s);
    }
  }
  // Two sizes make a slope only with the stop as more evidence: no verdict but `worse`.
  if (usable.size() < 3 && !(stopped && usable.size() == 2)) {
    g.reason = fmt::format("only {} size{} measured; at least 3 are needed", usable.size(),
                           usable.size() == 1 ? "" : "s");
    return g;
  }
  Slopes point = fit(usable, nullptr);
  g.exponent = point.candidate;
  g.reference_exponent = point.reference;
  g.relative_exponent = point.relative;

  // Bootstrap: resample the rounds of each size (a round's candidate and reference samples
  // stay paired: they ran next to each other).
  std::mt19937_64 rng(seed);
  std::vector<double> rel;
  rel.reserve(k_bootstrap_rounds);
  std::vector<std::vector<size_t>> rounds(usable.size());
  for (int b = 0; b < k_bootstrap_rounds; ++b) {
    for (size_t i = 0; i < usable.size(); ++i) {
      size_t k = usable[i].candidate.size();
      std::uniform_int_distribution<size_t> pick(0, k - 1);
      rounds[i].assign(k, 0);
      for (size_t& r : rounds[i]) {
        r = pick(rng);
      }
    }
    rel.push_back(fit(usable, &rounds).relative);
  }
  std::sort(rel.begin(), rel.end());
  g.ci_lo = rel[static_cast<size_t>(0.025 * (rel.size() - 1))];
  g.ci_hi = rel[static_cast<size_t>(0.975 * (rel.size() - 1))];

  if (g.ci_lo > k_growth_margin) {
    g.verdict = GrowthVerdict::worse;
    g.reason = fmt::format(
        "relative to the reference it grows like n^{:.2f} (95 % interval "
        "{:.2f} to {:.2f})",
        g.relative_exponent, g.ci_lo, g.ci_hi);
  } else if (stopped && g.relative_exponent > k_growth_margin) {
    g.verdict = GrowthVerdict::worse;
    g.reason = fmt::format(
        "it was stopped at larger sizes (20× the reference or 0.25 s), and "
        "relative to the reference it grew like n^{:.2f}",
        g.relative_exponent);
  } else if (usable.size() >= 3 && g.ci_hi < k_growth_margin && !stopped) {
    g.verdict = GrowthVerdict::like_reference;
    g.reason = fmt::format(
        "its time relative to the reference {}: n^{:.2f} (95 % interval {:.2f} to {:.2f})",
        g.ci_hi < -k_growth_margin ? "shrinks (it grows more slowly)" : "stays flat",
        g.relative_exponent, g.ci_lo, g.ci_hi);
  } else if (g.ci_lo > 0 && !stopped) {
    // Above the reference but not clearly by the margin: say which way it leans.
    g.reason = fmt::format(
        "it likely grows faster than the reference (relative n^{:.2f}, 95 % interval {:.2f} "
        "to {:.2f}), but the interval reaches below n^{:.2f}, the least difference called "
        "worse on a noisy machine",
        g.relative_exponent, g.ci_lo, g.ci_hi, k_growth_margin);
  } else {
    g.reason = fmt::format(
        "the data do not separate it from the reference: relative n^{:.2f}, "
        "95 % interval {:.2f} to {:.2f}",
        g.relative_exponent, g.ci_lo, g.ci_hi);
  }
  return g;
}

}  // namespace pyjudge::judge
