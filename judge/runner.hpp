// The judge's side of one job process: have a zygote worker (judge/pool) fork it — a child
// of this process, in a new session, with an empty environment and only its pipes — send
// the job, then watch it until it exits, enforcing time where the candidate cannot tamper
// with it (I3): the child's CPU clock and the wall clock, read by this process. A limit breach
// kills the whole process group; the child is always reaped, with its rusage, before run_harness()
// returns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/protocol.hpp"

namespace pyjudge::judge {

class WorkerPool;

// A test as a job sends it: its index (its result must name it) and its whole `test` frame
// (length, type, payload). Encoded once per challenge and shared by every run that sends it,
// so that a batch never encodes or copies a challenge's inputs per submission.
struct EncodedTest {
  uint32_t index = 0;
  std::string frame;
};
std::vector<EncodedTest> encode_tests(const std::vector<harness::TestRequest>& tests);

struct RunRequest {
  std::filesystem::path harness_exe;
  // job.scratch_dir is created by run_harness() (owned by the box's user) and removed after.
  harness::Job job;  // test_count is filled in from tests
  // The caller's, alive until run_harness() returns (never a temporary: `req.tests =
  // encode_tests(…)` would dangle at once).
  std::span<const EncodedTest> tests;
  // Called as each result frame arrives (with the judge's CPU reading for it, and with
  // Result::peak_rss_kb replaced by the box's peak RSS so far as /proc shows it), so a large
  // value is decided and dropped at once instead of held until the run ends. The result's
  // value is cleared after the call.
  std::function<void(const harness::Result&, uint64_t judge_cpu_ns)> on_result;
  uint32_t time_ms = 2000;     // CPU per test
  uint32_t wall_ms = 5000;     // wall clock per test
  WorkerPool* pool = nullptr;  // null: WorkerPool::shared(harness_exe)
  // ≥ 0: the box runs on this CPU only, set by the judge before the job is sent (a timing
  // run: the samples it is paired with run on the same CPU, so they share its speed).
  int cpu = -1;
};

// Removes boxes' scratch folders in `tmp` left by a pyjudge that is gone (killed outright),
// once they are an hour old; runs once per process, before its first box.
void sweep_abandoned_scratch(const std::filesystem::path& tmp);

// The CPU for one submission's timing runs (RunRequest::cpu), or -1 where the judge may run
// on only one, held until destroyed. A CPU is claimed with a lock file per CPU in the temp
// folder (flock: released however the process ends), so that submissions timed side by side
// do not share one — in this process or in another pyjudge (two CI jobs on one runner).
// Claims go round the CPUs the judge may use, from the last; when every CPU is claimed
// already, the next in that order is used unclaimed.
class TimingCpu {
 public:
  TimingCpu();
  explicit TimingCpu(const std::filesystem::path& lock_dir);  // tests: their own folder
  TimingCpu(const TimingCpu&) = delete;
  TimingCpu& operator=(const TimingCpu&) = delete;
  ~TimingCpu();
  [[nodiscard]] int cpu() const { return cpu_; }
  [[nodiscard]] bool claimed() const { return lock_fd_ >= 0; }

 private:
  int cpu_ = -1;
  int lock_fd_ = -1;
};

// The result pipe is within reach of candidate code once it runs, so the judge trusts only
// the order of frames, what it validates itself, and what it measures from outside.
enum class Ending {
  completed,      // every result arrived and the harness exited cleanly
  cpu_limit,      // killed: the running phase used more CPU than its budget
  wall_limit,     // killed: the running phase took longer than its wall budget
  deadline,       // killed: the whole run outlived its hard deadline
  died,           // exited or was killed by a signal before sending every result
  corrupt,        // after candidate code ran: frames out of order or malformed, or a failure
                  // report (the harness's or a forgery: either way the run ends)
  harness_fault,  // before candidate code ran: the harness failed (the judge's fault)
  spawn_failed,   // the harness could not be started
};

struct RunOutcome {
  bool loading_seen = false;           // candidate code started to run
  std::vector<harness::Layer> layers;  // the sandbox layers the harness entered
  harness::Layer cgroup;               // the judge-side layer: cgroups, or why not
  uint64_t oom_kills = 0;              // from the cgroup: the kernel killed for memory
  // Without a cgroup: the judge killed the box, whose peak (read from /proc every tick and
  // at each result) passed the memory limit plus the interpreter's headroom. RLIMIT_DATA
  // does not count shared memory (mmap(-1, n) in Python), which only this bounds then.
  bool over_memory = false;
  std::optional<harness::Ready> ready;
  std::vector<harness::Result> results;  // in order, one per test that finished
  Ending ending = Ending::completed;
  std::string message;          // what went wrong
  bool harness_report = false;  // corrupt: it was a failure report, not a malformed frame
  int exit_code = -1;           // when the harness exited
  int signal = 0;               // when it was killed by a signal
  uint64_t peak_rss_kb = 0;     // from the kernel's rusage of the child
  uint64_t ready_peak_kb = 0;   // the box's peak RSS when the candidate had loaded (/proc)
  uint64_t running_cpu_ns = 0;  // CPU the unfinished phase used, judge-measured
  std::string diagnostics;      // the child's fd 1/2 (capped): fatal errors, os.write
  int attempts = 1;             // 2: the first failed before candidate code ran (judge side)
  bool worker_fault = false;    // spawn_failed after a zygote had the pipes (retried once)
};

// A run whose child died or hung before candidate code ran, or whose worker failed after
// taking the pipes, is run once more on a fresh worker; a second failure is returned.
RunOutcome run_harness(const RunRequest& request);

}  // namespace pyjudge::judge
