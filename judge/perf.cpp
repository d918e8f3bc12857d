#include "judge/perf.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "judge/generate.hpp"
#include "judge/runner.hpp"

namespace pyjudge::judge {

namespace {

constexpr double k_stop_seconds = 0.25;
constexpr double k_stop_ratio = 20;
constexpr uint32_t k_frame_budget_ms = 4000;  // warm-up + one slow sample, per size

struct Run {
  std::vector<double> seconds;  // per size, as far as it got
  std::vector<uint64_t> peak_kb;
  std::string failure;  // a test that did not run through (exception, limit, …)
};

// One timing harness over the first `count` sizes.
Run time_solution(const Challenge& c, const Submission& s, const std::vector<TestCase>& tests,
                  size_t count, const PerfOptions& o) {
  RunRequest req;
  req.harness_exe = o.harness_exe;
  req.job = make_job(c, s);
  req.job.unsafe = o.unsafe;
  req.job.timing = true;
  req.job.limits.time_ms = k_frame_budget_ms;
  req.time_ms = k_frame_budget_ms;
  req.wall_ms = 3 * k_frame_budget_ms;
  for (size_t i = 0; i < count; ++i) {
    req.tests.push_back(make_request(tests[i], static_cast<uint32_t>(i)));
  }
  Run run;
  req.on_result = [&](const harness::Result& r, uint64_t judge_cpu_ns) {
    if (!run.failure.empty()) {
      return;
    }
    if (r.status != harness::ResultStatus::ok) {
      run.failure = fmt::format("n = {}: {}", tests[run.seconds.size()].name,
                                r.failure.type.empty() ? "no value" : r.failure.type);
      return;
    }
    // The frame is the candidate's to forge (I3): the judge's own reading of the child's CPU
    // clock bounds it. It also counts encoding (and, on the first size, the warm-up), so it
    // only overrides a claim it clearly exceeds.
    double reps = std::max<uint32_t>(r.repetitions, 1);
    double claimed_total = static_cast<double>(r.cpu_ns) * reps;
    double judged = static_cast<double>(judge_cpu_ns);
    bool first = run.seconds.empty();
    double ns =
        !first && judged > 2 * claimed_total + 2e7 ? judged / reps : static_cast<double>(r.cpu_ns);
    run.seconds.push_back(ns / 1e9);
    run.peak_kb.push_back(r.peak_rss_kb);
  };
  RunOutcome out = run_harness(req);
  if (run.failure.empty() && run.seconds.size() < count) {
    run.failure = out.ending == Ending::cpu_limit || out.ending == Ending::wall_limit
                      ? fmt::format("over {} ms per sample", k_frame_budget_ms)
                      : (out.message.empty() ? "the run ended early" : out.message);
  }
  return run;
}

}  // namespace

PerfReport measure_performance(const Challenge& c, const Submission& candidate,
                               const PerfOptions& o) {
  PerfReport rep;
  const Performance& perf = *c.performance;
  std::vector<GeneratedCase> cases;
  for (int64_t n : perf.sizes) {
    GeneratedCase g;
    g.name = std::to_string(n);
    g.seed = perf.seed;
    std::vector<std::pair<Value, Value>> kw;
    for (size_t i = 0; i + 1 < perf.params.items().size(); i += 2) {
      kw.emplace_back(perf.params.items()[i], perf.params.items()[i + 1]);
    }
    kw.emplace_back(Value::str("n"), Value::integer(n));
    g.params = Value::dict(std::move(kw));
    g.take = static_cast<uint32_t>(n);
    g.where = perf.where;
    cases.push_back(std::move(g));
  }
  auto tests = generate_cases(c, perf.generator, cases, {o.harness_exe, {}, o.unsafe});
  if (!tests) {
    rep.error = tests.error().message;
    return rep;
  }
  auto reference = read_submission(c.reference);
  if (!reference) {
    rep.error = reference.error().message;
    return rep;
  }
  size_t sizes = perf.sizes.size();
  size_t limit = sizes;  // the candidate is measured on the first `limit` sizes
  std::vector<std::vector<double>> cand(sizes);
  std::vector<std::vector<double>> ref(sizes);
  std::vector<uint64_t> cand_peak(sizes, 0);
  std::vector<uint64_t> ref_peak(sizes, 0);
  for (int round = 0; round < o.rounds; ++round) {
    bool reference_first = round % 2 == 1;  // A-B, B-A, …
    for (int half = 0; half < 2; ++half) {
      bool is_reference = (half == 0) == reference_first;
      if (is_reference) {
        Run r = time_solution(c, *reference, *tests, limit, o);
        if (!r.failure.empty()) {
          rep.error = "the reference could not be timed: " + r.failure;
          return rep;
        }
        for (size_t i = 0; i < r.seconds.size(); ++i) {
          ref[i].push_back(r.seconds[i]);
          ref_peak[i] = std::max(ref_peak[i], r.peak_kb[i]);
        }
        continue;
      }
      Run r = time_solution(c, candidate, *tests, limit, o);
      for (size_t i = 0; i < r.seconds.size(); ++i) {
        cand[i].push_back(r.seconds[i]);
        cand_peak[i] = std::max(cand_peak[i], r.peak_kb[i]);
      }
      // Stop growing: this size was over the budget, or already too slow.
      size_t reached = r.seconds.size();
      for (size_t i = 0; i < r.seconds.size(); ++i) {
        // The ratio rule waits for three sizes: a slow constant factor is not growth, and
        // growth needs three points to be seen.
        double ref_so_far = ref[i].empty() ? 0 : median(ref[i]);
        if (r.seconds[i] > k_stop_seconds ||
            (i >= 2 && ref_so_far > 0 && r.seconds[i] > k_stop_ratio * ref_so_far)) {
          reached = i + 1;
          rep.stop_reason =
              r.seconds[i] > k_stop_seconds
                  ? fmt::format("{:.2f} s per call at n = {}", r.seconds[i], perf.sizes[i])
                  : fmt::format("{:.0f}× the reference at n = {}", r.seconds[i] / ref_so_far,
                                perf.sizes[i]);
          break;
        }
      }
      if (reached < limit) {
        if (reached == 0) {
          rep.error = "the solution could not be timed: " + r.failure;
          return rep;
        }
        if (rep.stop_reason.empty()) {
          rep.stop_reason = fmt::format("n = {}: {}", perf.sizes[reached], r.failure);
        }
        limit = reached;
        rep.stopped_at = perf.sizes[reached - 1];
      }
    }
  }
  std::vector<SizeSamples> samples;
  for (size_t i = 0; i < limit; ++i) {
    size_t k = std::min(cand[i].size(), ref[i].size());
    if (k < static_cast<size_t>(o.rounds)) {
      continue;  // measured only before a stop: rounds would not pair up
    }
    cand[i].resize(k);
    ref[i].resize(k);
    rep.sizes.push_back({perf.sizes[i], cand[i], ref[i], cand_peak[i], ref_peak[i]});
    samples.push_back({static_cast<double>(perf.sizes[i]), cand[i], ref[i]});
  }
  rep.growth = fit_growth(samples, rep.stopped_at.has_value());
  rep.speed = speed_of(samples);
  if (perf.max_ratio && !samples.empty() &&
      (rep.speed.ratio > *perf.max_ratio ||
       (rep.stopped_at && rep.stop_reason.find("× the reference") != std::string::npos))) {
    rep.failed = true;
    rep.message = fmt::format(
        "{:.1f}× slower than the reference (n = {} to {}); at most {:g}× "
        "is allowed",
        rep.speed.ratio, rep.sizes.front().n, rep.sizes.back().n, *perf.max_ratio);
  }
  return rep;
}

}  // namespace pyjudge::judge
