#include "judge/perf.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "harness/wire.hpp"
#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/report.hpp"
#include "judge/runner.hpp"

namespace pyjudge::judge {

namespace {

constexpr double k_stop_seconds = 0.25;
constexpr double k_stop_ratio = 20;
constexpr uint32_t k_frame_budget_ms = 4000;  // warm-up + one slow sample, per size

struct Sample {
  double seconds = 0;        // CPU per call at the size
  double first_seconds = 0;  // the first call with the input, on its own
  double rest_seconds = 0;   // the other calls, each (0: there was only one)
  uint64_t peak_kb = 0;      // the box's peak in the run
  uint64_t loaded_kb = 0;    // the box's peak once the solution had loaded
  std::string value;         // every different answer the calls gave, a wire-encoded list
  std::string failure;       // it did not run through (exception, limit, …)
  bool unstable = false;     // too many different answers to the input (value: those sent)
};

// Repeated calls far quicker than the first: work kept from one call to the next (a cache
// keyed on the input, a table built once), which a time per call would hide. Honest first
// calls are slower too (caches, memory), but by a few times, not by ten.
constexpr double k_kept_work_ratio = 10;
constexpr double k_kept_work_min_s = 200e-6;

bool keeps_work(const Sample& s) {
  return s.rest_seconds > 0 && s.first_seconds >= k_kept_work_min_s &&
         s.first_seconds > k_kept_work_ratio * s.rest_seconds;
}

std::string kept_work_text(std::string_view whose, int64_t n, const Sample& s) {
  return fmt::format("{} repeated calls at n = {} took {} each against {} for the first", whose, n,
                     seconds_text(s.rest_seconds), seconds_text(s.first_seconds));
}

// One timing harness for size `i`: the smallest input first (its calls are the warm-up, so
// that the timed size never pays for CPython's specialisation), then size i, timed.
Sample time_size(const Challenge& c, const Submission& s, const std::vector<TestCase>& tests,
                 size_t i, const PerfOptions& o, int cpu) {
  RunRequest req;
  req.cpu = cpu;
  req.harness_exe = o.harness_exe;
  req.job = make_job(c, s);
  req.job.unsafe = o.unsafe;
  req.job.timing = true;
  req.job.limits.time_ms = k_frame_budget_ms;
  req.time_ms = k_frame_budget_ms;
  req.wall_ms = 3 * k_frame_budget_ms;
  std::vector<harness::TestRequest> requests{make_request(tests[0], 0)};
  if (i > 0) {
    requests.push_back(make_request(tests[i], 1));
  }
  std::vector<EncodedTest> encoded = encode_tests(requests);
  req.tests = encoded;
  Sample sample;
  size_t seen = 0;
  req.on_result = [&](const harness::Result& r, uint64_t judge_cpu_ns) {
    bool timed = r.index == req.tests.back().index;
    ++seen;
    if (!sample.failure.empty()) {
      return;
    }
    if (r.status != harness::ResultStatus::ok) {
      sample.unstable = r.status == harness::ResultStatus::bad_value &&
                        r.failure.type == harness::bad_value::k_unstable;
      if (sample.unstable) {
        sample.value = r.value;  // the answers it gave: each is checked all the same
      }
      sample.failure = fmt::format("n = {}: {}", tests[r.index == 0 ? 0 : i].name,
                                   sample.unstable          ? r.failure.message
                                   : r.failure.type.empty() ? "no value"
                                                            : r.failure.type);
      return;
    }
    if (!timed) {
      return;
    }
    sample.value = r.value;  // every different answer the calls gave, a list
    // The frame is the candidate's to forge (I3): the judge's own reading of the child's CPU
    // over the repetitions bounds what the frame says they took in all. That total also
    // counts decoding each repetition's input, which on a large input can take a thousand
    // times a fast call, so it is checked against the loop's claimed total, not the calls'
    // alone (which would blame the decoding on the solution). A claim the reading clearly
    // exceeds is replaced by the reading per repetition.
    double reps = std::max<uint32_t>(r.repetitions, 1);
    double calls = static_cast<double>(r.cpu_ns) * reps;
    double loop = std::max(static_cast<double>(r.loop_cpu_ns), calls);
    double judged = static_cast<double>(judge_cpu_ns);
    double ns = i > 0 && judged > 2 * loop + 2e7 ? judged / reps : static_cast<double>(r.cpu_ns);
    sample.seconds = ns / 1e9;
    // The first call and the rest, from the frame's own figures (forgeable as cpu_ns is, I3).
    sample.first_seconds = static_cast<double>(r.first_cpu_ns) / 1e9;
    if (i > 0 && r.repetitions > 1 && calls > static_cast<double>(r.first_cpu_ns)) {
      sample.rest_seconds = (calls - static_cast<double>(r.first_cpu_ns)) / (reps - 1) / 1e9;
    }
  };
  RunOutcome out = run_harness(req);
  // The run's peak (the kernel's rusage and the cgroup): the timed size is its largest input.
  sample.peak_kb = out.peak_rss_kb;
  sample.loaded_kb = out.ready_peak_kb;
  if (sample.failure.empty() && seen < req.tests.size()) {
    sample.failure =
        out.ending == Ending::cpu_limit || out.ending == Ending::wall_limit
            ? fmt::format("n = {}: over {} ms per sample", tests[i].name, k_frame_budget_ms)
            : (out.message.empty() ? "the run ended early" : out.message);
  }
  return sample;
}

// Why the reference's first answer of a timing run (a list, as the harness sends them) cannot
// be compared with: a value the signature does not allow would fail every correct solution.
std::optional<std::string> reference_misfit(const Challenge& c, const TestCase& test,
                                            const std::string& answers) {
  try {
    Value v = from_wire(answers, wire::k_max_values);
    if (!v.is_sequence() || v.size() == 0) {
      return std::string("no answer came back");
    }
    return answer_misfit(c, test, v.items()[0]);
  } catch (const wire::DecodeError& e) {
    return std::string("its answer could not be read: ") + e.what();
  }
}

// Each of a timing run's answers (a list, as the harness sends them) against the reference's
// first answer to the same input.
std::optional<std::string> wrong_answers(const Challenge& c, const Submission& candidate,
                                         const TestCase& test, const std::string& reference,
                                         const std::vector<std::string>& runs,
                                         const JudgeOptions& options) {
  try {
    Value expected = from_wire(reference, wire::k_max_values);
    if (!expected.is_sequence() || expected.size() == 0) {
      return "the reference's timing run sent no answer";
    }
    std::vector<std::string> given;  // every round's answers, decided in one go
    for (const std::string& run : runs) {
      Value answers = from_wire(run, wire::k_max_values);
      if (!answers.is_sequence() || answers.size() == 0) {
        return std::string("the timing run sent no answer");
      }
      for (const Value& a : answers.items()) {
        given.push_back(to_wire(a));
      }
    }
    return wrong_timed_answer(c, candidate, test, to_wire(expected.items()[0]), given, options);
  } catch (const wire::DecodeError& e) {
    return std::string("a timing run's answers could not be read: ") + e.what();
  }
}

}  // namespace

std::string_view to_string(MemoryVerdict v) {
  switch (v) {
    case MemoryVerdict::like_reference:
      return "like-reference";
    case MemoryVerdict::more:
      return "more";
    case MemoryVerdict::less:
      return "less";
  }
  return "?";
}

Memory memory_of(int64_t n, uint64_t candidate_kb, uint64_t reference_kb) {
  Memory m{n, candidate_kb, reference_kb, MemoryVerdict::like_reference};
  auto beyond = [](uint64_t a, uint64_t b) {  // a clearly above b: by 1 MiB and a quarter
    return a > b + std::max<uint64_t>(1024, b / 4);
  };
  if (beyond(candidate_kb, reference_kb)) {
    m.verdict = MemoryVerdict::more;
  } else if (beyond(reference_kb, candidate_kb)) {
    m.verdict = MemoryVerdict::less;
  }
  return m;
}

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
  std::vector<std::vector<double>> cand_first(sizes);  // first calls only (see keeps_work)
  std::vector<std::vector<double>> ref_first(sizes);
  std::vector<std::string> ref_value(sizes);  // the reference's answer at each size
  std::string kept_work;                      // why first calls are compared, if they are
  std::string unstable;  // the candidate gave too many different answers to one input
  JudgeOptions judge_options;
  judge_options.harness_exe = o.harness_exe;
  judge_options.unsafe = o.unsafe;
  std::vector<std::vector<std::string>> cand_values(sizes);
  std::vector<uint64_t> cand_peak(sizes, 0);
  std::vector<uint64_t> ref_peak(sizes, 0);
  uint64_t cand_loaded = UINT64_MAX;  // lowest over the runs
  uint64_t ref_loaded = UINT64_MAX;
  // Interleaved per size: the two samples of a pair are taken a few milliseconds apart, so
  // a slow spell of the machine (a busy neighbour) hits both; and on one CPU, since two CPUs
  // of a virtual machine can differ in speed by more than the noise of either.
  const TimingCpu timing_cpu;
  const int cpu = timing_cpu.cpu();
  for (int round = 0; round < o.rounds; ++round) {
    for (size_t i = 0; i < limit; ++i) {
      bool reference_first = (round + static_cast<int>(i)) % 2 == 1;  // A-B, B-A, …
      for (int half = 0; half < 2; ++half) {
        bool is_reference = (half == 0) == reference_first;
        Sample r = time_size(c, is_reference ? *reference : candidate, *tests, i, o, cpu);
        if (is_reference) {
          if (!r.failure.empty()) {
            rep.error = "the reference could not be timed: " + r.failure;
            return rep;
          }
          if (ref_value[i].empty()) {
            if (auto m = reference_misfit(c, (*tests)[i], r.value)) {
              rep.error = fmt::format(
                  "the reference's answer at n = {} does not fit the signature: {} — the "
                  "challenge's error (fix {} or the signature), not the solution's",
                  perf.sizes[i], *m, c.reference.filename().string());
              return rep;
            }
            ref_value[i] = std::move(r.value);
          }
          ref[i].push_back(r.seconds);
          ref_first[i].push_back(r.first_seconds);
          if (kept_work.empty() && keeps_work(r)) {
            kept_work = kept_work_text("the reference's", perf.sizes[i], r);
          }
          ref_peak[i] = std::max(ref_peak[i], r.peak_kb);
          ref_loaded = std::min(ref_loaded, r.loaded_kb);
          continue;
        }
        if (r.unstable) {
          cand_values[i].push_back(std::move(r.value));
          unstable = r.failure;
          break;
        }
        if (!r.failure.empty()) {
          if (i == 0) {
            rep.error = "the solution could not be timed: " + r.failure;
            return rep;
          }
          rep.stop_reason = r.failure;
          limit = i;  // the sizes before it were measured
          break;
        }
        cand[i].push_back(r.seconds);
        cand_first[i].push_back(r.first_seconds);
        if (kept_work.empty() && keeps_work(r)) {
          kept_work = kept_work_text("your", perf.sizes[i], r);
        }
        cand_values[i].push_back(std::move(r.value));
        cand_peak[i] = std::max(cand_peak[i], r.peak_kb);
        cand_loaded = std::min(cand_loaded, r.loaded_kb);
        // Stop growing: this size already too slow. The ratio rule waits for three sizes: a
        // slow constant factor is not growth, and growth needs three points to be seen.
        double ref_so_far = ref[i].empty() ? 0 : median(ref[i]);
        if (r.seconds > k_stop_seconds) {
          rep.stop_reason = fmt::format("{:.2f} s per call at n = {}", r.seconds, perf.sizes[i]);
          limit = i + 1;
        } else if (i >= 2 && ref_so_far > 0 && r.seconds > k_stop_ratio * ref_so_far) {
          rep.stop_reason =
              fmt::format("{:.0f}× the reference at n = {}", r.seconds / ref_so_far, perf.sizes[i]);
          limit = i + 1;
        }
      }
      if (!unstable.empty()) {
        break;
      }
    }
    if (!unstable.empty()) {
      break;
    }
  }
  // Every timed answer must be right: a call that is only fast when timed, or a timing run
  // told apart from a test, gains nothing (I1: compared here, with the reference's answer).
  for (size_t i = 0; i < sizes; ++i) {
    if (cand_values[i].empty()) {
      continue;
    }
    if (ref_value[i].empty()) {  // the candidate ran first at this size, and stopped there
      Sample r = time_size(c, *reference, *tests, i, o, cpu);
      if (!r.failure.empty()) {
        rep.error = "the reference could not be timed: " + r.failure;
        return rep;
      }
      ref_value[i] = std::move(r.value);
    }
    if (auto why =
            wrong_answers(c, candidate, (*tests)[i], ref_value[i], cand_values[i], judge_options)) {
      rep.error = rep.message =
          fmt::format("a timed call gave a wrong answer at n = {}: {}", perf.sizes[i], *why);
      rep.failed = true;
      rep.wrong_answer = true;
      return rep;
    }
  }
  if (!unstable.empty()) {
    rep.error = "the solution's answers could not all be checked: " + unstable +
                "; the first ones were right";
    return rep;
  }
  size_t first_size = 0;
  if (!kept_work.empty()) {
    // A time per call would be the kept work's, not the solution's: first calls, both sides.
    // Not at the smallest size, whose first call is the run's very first (its warm-up).
    cand = std::move(cand_first);
    ref = std::move(ref_first);
    first_size = 1;
    rep.note = fmt::format(
        "timed by first calls only, from the second size: {} — work is kept from one call to "
        "the next (a cache, a table built once), so the time per call of repeated calls "
        "would not be the solution's",
        kept_work);
  }
  if (limit < sizes) {
    rep.stopped_at = perf.sizes[limit - 1];
  }
  std::vector<SizeSamples> samples;
  for (size_t i = first_size; i < limit; ++i) {
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
  if (!rep.sizes.empty()) {
    const PerfSize& last = rep.sizes.back();
    // One baseline for both, the lower: a solution that allocates while it loads cannot
    // raise its own baseline and hide what it used.
    uint64_t loaded = std::min(cand_loaded, ref_loaded);
    auto above = [loaded](uint64_t peak) { return peak > loaded ? peak - loaded : 0; };
    rep.memory = memory_of(last.n, above(last.candidate_peak_kb), above(last.reference_peak_kb));
  }
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
