// A cgroup per box, made and read by the judge (not the child): memory limit with no
// swap, a pids limit, CPU accounting of every process and thread in the box, a kill of all
// of them, and the OOM-kill count that makes an MLE certain rather than guessed.
//
// cgroup v2 is used when our cgroup delegates the memory and pids controllers to us (a
// systemd user slice with Delegate=yes, a container). cgroup v1 is used as root (memory,
// pids and cpuacct hierarchies). Otherwise there is no cgroup layer and Cgroup::create()
// says why; the box still has rlimits for memory and processes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pyjudge::sandbox {

struct CgroupLimits {
  uint64_t memory_bytes = 0;  // memory.max / memory.limit_in_bytes
  uint32_t pids = 256;        // pids.max
};

class Cgroup {
 public:
  // Creates a fresh cgroup for one box, or explains why none can be had here.
  static std::unique_ptr<Cgroup> create(const CgroupLimits& limits, std::string& why_not);

  Cgroup(const Cgroup&) = delete;
  Cgroup& operator=(const Cgroup&) = delete;
  ~Cgroup();  // kills what is left and removes the cgroup

  // Makes an empty cgroup ready for the next box, cheaper than a new one (mkdir and rmdir in
  // three v1 hierarchies cost milliseconds): new limits, the CPU and peak counters reset,
  // the OOM-kill count taken from here. A cgroup no box was in yet (made ahead of the first
  // job) only takes the limits. False when it cannot be (v2 after a box, whose peak cannot be
  // reset for all readers, or a process still in it): then make a new one.
  [[nodiscard]] bool recycle(const CgroupLimits& limits);
  [[nodiscard]] bool add(pid_t pid);
  [[nodiscard]] std::optional<uint64_t> cpu_ns() const;  // all processes, nanoseconds
  [[nodiscard]] uint64_t peak_bytes() const;
  [[nodiscard]] uint64_t oom_kills() const;
  void kill_all() const;  // SIGKILL to every process in it (cgroup.kill on v2)
  [[nodiscard]] const std::string& description() const { return description_; }
  [[nodiscard]] int version() const { return v2_ ? 2 : 1; }
  // Its folder (v1: the one in the memory hierarchy); unique to it while it exists.
  [[nodiscard]] const std::string& path() const { return dirs_.front(); }

 private:
  Cgroup() = default;
  bool set_limits(const CgroupLimits& limits);  // memory (no swap) and pids; the description
  bool v2_ = false;
  bool used_ = false;              // a box was added: recycling must empty and reset it
  std::vector<std::string> dirs_;  // v2: one; v1: memory, pids, cpuacct
  std::string description_;
  uint64_t oom_base_ = 0;             // OOM kills counted before the current box (recycled cgroups)
  uint64_t peak_base_ = 0;            // bytes the last box left charged (recycled cgroups)
  mutable int cpu_fd_ = -1;           // v1 cpuacct.usage, kept open
  std::vector<uint64_t> leftovers_;   // removals to run if pyjudge is interrupted (leftovers.hpp)
  void made(const std::string& dir);  // records a folder just made
};

}  // namespace pyjudge::sandbox
