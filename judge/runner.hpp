// The judge's side of one pyjudge-harness process: spawn it (Boost.Process) in a new
// session with an empty environment and only its pipes, send the job, then watch it until
// it exits, enforcing time where the candidate cannot tamper with it (I3): the child's CPU
// clock and the wall clock, read by this process. A limit breach kills the whole process
// group; the child is always reaped, with its rusage, before run_harness() returns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/protocol.hpp"

namespace pyjudge::judge {

struct RunRequest {
  std::filesystem::path harness_exe;
  harness::Job job;  // test_count is filled in from tests
  std::vector<harness::TestRequest> tests;
  uint32_t time_ms = 2000;  // CPU per test
  uint32_t wall_ms = 5000;  // wall clock per test
};

enum class Ending {
  completed,      // every result arrived and the harness exited cleanly
  cpu_limit,      // killed: the running test used more CPU than time_ms
  wall_limit,     // killed: the running test took longer than wall_ms
  died,           // exited or was killed by a signal before sending every result
  corrupt,        // the result channel carried something that is not a valid frame
  harness_fault,  // the harness reported a failure of its own before candidate code ran
  spawn_failed,   // the harness could not be started
};

struct RunOutcome {
  bool loading_seen = false;  // candidate code started to run
  std::optional<harness::Ready> ready;
  std::vector<harness::Result> results;  // in order, one per test that finished
  Ending ending = Ending::completed;
  std::string message;  // what went wrong, for the judge's own faults
  int exit_code = -1;   // when the harness exited
  int signal = 0;       // when it was killed by a signal
  bool killed_by_judge = false;
  uint64_t peak_rss_kb = 0;     // from the kernel's rusage of the child
  uint64_t cpu_ns = 0;          // the child's total CPU time
  uint64_t running_cpu_ns = 0;  // CPU used by the unfinished test, when it ended
  std::string diagnostics;      // the child's fd 1/2 (capped): fatal errors, os.write
  uint64_t diagnostics_total = 0;
};

RunOutcome run_harness(const RunRequest& request);

}  // namespace pyjudge::judge
