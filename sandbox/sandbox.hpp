// The box a candidate runs in, entered by the child before any candidate code runs.
//
// enter() applies each layer in a fixed order, like a checklist. This is the baseline every
// host offers: resource limits, a closed descriptor table, no controlling terminal.
// seccomp, Landlock, namespaces and cgroups slot in as further steps.
//
// Everything here runs in the child; the parent's half (wall-clock kill of the whole
// process group, reaping with rusage) is in judge/runner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pyjudge::sandbox {

struct Policy {
  uint32_t cpu_seconds = 10;        // RLIMIT_CPU for the whole child (the parent enforces per test)
  uint64_t data_bytes = 256 << 20;  // RLIMIT_DATA: heap and private mappings, thread stacks
  uint64_t file_bytes = 1 << 20;    // RLIMIT_FSIZE: largest file the box may write
  uint32_t open_files = 64;         // RLIMIT_NOFILE
  std::vector<int> keep_fds;        // descriptors above 2 that stay open (the result pipe)
};

// Applies every layer. On failure returns what failed, naming the call and errno; the
// caller must not run candidate code then (a judge fault, reported as IE).
[[nodiscard]] std::optional<std::string> enter(const Policy& policy);

// --- the steps, exposed for tests ---------------------------------------------------

// setrlimit for CPU, DATA, FSIZE, NOFILE and CORE (0).
[[nodiscard]] std::optional<std::string> apply_rlimits(const Policy& policy);
// Closes every descriptor above 2 except keep (close_range where available).
[[nodiscard]] std::optional<std::string> close_other_fds(const std::vector<int>& keep);
// Points stdin at /dev/null.
[[nodiscard]] std::optional<std::string> null_stdin();

}  // namespace pyjudge::sandbox
