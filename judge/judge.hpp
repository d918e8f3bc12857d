// Judging one submission against one challenge:
//
//   plan      the challenge's tests as harness requests (inputs only: I1)
//   run       run_harness() over the tests not yet judged
//   decide    each result → a Verdict, comparing values here, in the trusted process
//   recover   a test that kills the child (TLE, crash) gets its verdict and a fresh child
//             continues with the next test; after max_timeouts time-outs the rest are skipped
//   score     points of accepted tests over all points
//
// Messages for hidden tests never contain their inputs, expected values or what the
// candidate returned or printed.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "harness/protocol.hpp"
#include "judge/expected.hpp"
#include "judge/runner.hpp"
#include "judge/spec.hpp"
#include "judge/value.hpp"
#include "judge/verdict.hpp"

namespace pyjudge::judge {

struct Submission {
  std::string filename;  // base name, as shown in tracebacks
  std::string source;    // bytes as read
};

// Reads a candidate file; refuses non-files and files over 1 MiB with a clear message.
Expected<Submission> read_submission(const std::filesystem::path& path);

struct TestReport {
  const TestCase* test = nullptr;
  Verdict verdict = Verdict::IE;
  bool skipped = false;  // not run (the verdict is meaningless then)
  double time_ms = 0;    // CPU time of the call(s), from C++ clocks in the harness
  uint64_t peak_memory_kb = 0;
  std::string message;             // one line, safe to show for hidden tests
  std::string detail;              // more, for samples only: exception text, where values differ
  int line = 0;                    // the candidate's line for RE/CE, 0 when unknown
  int failed_call = -1;            // class kind: the op that failed
  std::optional<std::string> got;  // samples: repr of what came back (class kind: one per op)
  harness::Captured out;
  harness::Captured err;
  std::vector<std::string> blocked;  // operations the sandbox refused during the test
};

struct Report {
  std::string challenge;
  Verdict verdict = Verdict::IE;
  double score = 0;     // 0–100
  std::string message;  // job-level failure (CE, import error, judge fault), else empty
  int line = 0;         // with message: where in the candidate's file
  int column = 0;
  std::vector<TestReport> tests;
  uint64_t peak_memory_kb = 0;
  std::vector<harness::Layer> sandbox;  // layers the box ran under (from the first run)
  [[nodiscard]] size_t passed() const;
  // Points earned and available: ungrouped tests count alone, a group only when all its
  // tests passed.
  [[nodiscard]] std::pair<int64_t, int64_t> points(const Challenge& c) const;
};

struct JudgeOptions {
  std::filesystem::path harness_exe;
  int max_timeouts = 2;
  bool unsafe = false;  // --unsafe-no-sandbox: rlimits and descriptors only
  // Recording (generated tests): every value the solution returns is stored here, by test
  // index, and the test is AC without comparing. Used to take the reference's answers.
  std::vector<std::optional<Value>>* record = nullptr;
  // An interviewer's batch: hidden tests, too, keep what the solution returned and printed
  // (TestReport::got, out, err). Never for a candidate's own view.
  bool reveal_hidden = false;
  // judge_jobs(): when set, jobs not yet started are left unjudged (and not reported to
  // on_done) — Ctrl-C in a batch.
  const std::atomic<bool>* stop = nullptr;
  // make_requests(challenge), when already made (judge_all encodes them once for all).
  const std::vector<EncodedTest>* requests = nullptr;
};

Report judge(const Challenge& challenge, const Submission& submission, const JudgeOptions& options);

// Why `value` cannot be an answer to `test` by the challenge's signature, or nothing: the
// check the reference's answers pass before they become expected values.
std::optional<std::string> answer_misfit(const Challenge& c, const TestCase& test,
                                         const Value& value);

// Timed calls' answers (wire-encoded) against the reference's answer to the same input, by
// the challenge's own rules (compare mode, checker): why the first wrong one is wrong, or
// nothing.
std::optional<std::string> wrong_timed_answer(const Challenge& c, const Submission& s,
                                              const TestCase& test,
                                              const std::string& reference_value,
                                              const std::vector<std::string>& candidate_values,
                                              const JudgeOptions& options);

// Judges every submission on `c`, as many at once as the worker pool for
// options.harness_exe has workers (WorkerPool::shared). Reports come back in the order of
// `submissions`; on_done(i, report), if given, is called as each one finishes, one call at
// a time. options.record must be null.
std::vector<Report> judge_all(const Challenge& c, const std::vector<Submission>& submissions,
                              const JudgeOptions& options,
                              const std::function<void(size_t, const Report&)>& on_done = {});

// Submissions of different challenges judged side by side, as judge_all() does: each job's
// requests are make_requests(*challenge), made once per challenge by the caller.
struct JudgeJob {
  const Challenge* challenge = nullptr;
  const Submission* submission = nullptr;
  const std::vector<EncodedTest>* requests = nullptr;
};
std::vector<Report> judge_jobs(const std::vector<JudgeJob>& jobs, const JudgeOptions& options,
                               const std::function<void(size_t, const Report&)>& on_done = {});

// One test's CPU figures, for the time its report shows (I3).
struct TestTiming {
  uint64_t judge_ns = 0;  // the judge's reading of the box between frames: decides TLE
  uint64_t calls_ns = 0;  // the frame's figure for the calls alone
  uint64_t whole_ns = 0;  // the frame's figure for the whole test (decoding, calls, encoding)
  // Over its time limit, or its frame could not be decided: it shows the judge's reading.
  bool reading_stands = false;
};
// For the tests of one run, in order: whether each one's reading is explained by the
// frame's figures, so that its calls' figure is the one shown. The judge reads the box's CPU
// when it gets to a frame, by which time the box may be decoding the next test: that CPU
// is in this test's reading, and missing, as much, from the next tests'. So a reading may
// exceed the test's own figure by a scheduler tick, plus what the later tests' readings
// fall short of theirs, net. The frame's figures are the candidate's to forge: this decides
// a shown time, never a verdict, and never the time of a test over its limit.
std::vector<bool> calls_time_explained(std::span<const TestTiming> run);

// What the harness gets for judging `s` on `c`: the job (call style, entry, source, limits)
// and one request per test — inputs only, never expected values (I1) — encoded as the job
// sends them. Timing runs (judge/perf) adjust the job.
harness::CallStyle call_style(ChallengeKind kind);
harness::Job make_job(const Challenge& c, const Submission& s);
harness::TestRequest make_request(const TestCase& t, uint32_t index);
std::vector<EncodedTest> make_requests(const Challenge& c);  // one per test, in order

// $PYJUDGE_HARNESS, else pyjudge-harness next to the running binary.
std::filesystem::path default_harness_path();

// "two_sum(nums=[2, 7], target=9)"-style text of a test's input, cut at max_chars: the
// stdin of a program, the code of a script test.
std::string describe_input(const Challenge& c, const TestCase& t, size_t max_chars = 400);
// What the test expects, as text (the output of a program, each op's value for a class).
std::string describe_expected(const Challenge& c, const TestCase& t, size_t max_chars = 400);

}  // namespace pyjudge::judge
