// Zygote workers (harness/zygote, protocol.hpp "zygote workers"): each worker is one
// `pyjudge-harness --zygote` process, started once, that forks a child per job. The child is
// forked with CLONE_PARENT, so it is this process's own child and judge/runner watches it
// exactly as if it had spawned it (rusage, exit status, group kill, cgroup).
//
// A pool has a fixed number of workers (default: one per core); a job holds one for as long
// as it runs, so at most that many jobs run at once. Zygotes start on first use. A zygote
// that died or stopped answering is replaced, and the spawn asked once more of the new one;
// only a second failure is reported (and judged IE by the caller, never lost). Each worker
// also keeps its jobs' cgroup, emptied and reset between jobs instead of made anew (and, for
// workers started ahead, made while the judge loads the challenge).
//
// Zygotes are started from one long-lived thread of the pool: a parent-death signal is tied
// to the thread that forked, and jobs forked with CLONE_PARENT share their zygote's parent.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pyjudge::sandbox {
class Cgroup;
}

namespace pyjudge::judge {

class WorkerPool {
 public:
  // size 0: one worker per core.
  WorkerPool(std::filesystem::path harness_exe, unsigned size);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // One worker, held until the lease is destroyed.
  class Lease {
   public:
    Lease(Lease&& o) noexcept : pool_(o.pool_), slot_(o.slot_) { o.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    // Forks a job process whose fds 3, 4 and 1+2 are these descriptors (the caller keeps
    // and closes its own copies). Returns the job's pid — a child of this process — or -1
    // with `error` set when neither the worker nor its replacement could do it. `delivered`:
    // a zygote received the descriptors before failing, so they must not be used again.
    pid_t spawn(int commands, int results, int diagnostics, std::string& error, bool& delivered);
    // The job failed before candidate code ran: start this worker afresh for the next one.
    void retire();
    // False once the worker's zygote has died (its jobs' pid namespace dies with it).
    [[nodiscard]] bool worker_alive() const;
    // The worker's cgroup, kept from one job to the next (Cgroup::recycle): made ahead by
    // prestart(), else empty until the first job makes one.
    std::unique_ptr<sandbox::Cgroup>& cgroup();

   private:
    friend class WorkerPool;
    Lease(WorkerPool* pool, size_t slot) : pool_(pool), slot_(slot) {}
    WorkerPool* pool_;
    size_t slot_;
  };

  // Waits until a worker is free.
  Lease acquire();
  // Starts `count` workers' zygotes (at most all), and makes their cgroups, without waiting
  // for either, so that both happen while the judge loads the challenge; a worker's first
  // job waits for them to be ready, and meets (and reports) a failure then.
  void prestart(size_t count);

  [[nodiscard]] unsigned size() const { return static_cast<unsigned>(workers_.size()); }
  // The zygotes running now (for tests and benchmarks).
  [[nodiscard]] std::vector<pid_t> zygote_pids() const;
  // Zygotes started in place of one that died or failed.
  [[nodiscard]] uint64_t replaced() const;

  // The process-wide pool for a harness binary, created on first use with
  // set_default_size()'s size (0: one per core).
  static WorkerPool& shared(const std::filesystem::path& harness_exe);
  static void set_default_size(unsigned size);

 private:
  struct Worker;
  class Launcher;
  bool start(Worker& w, std::string& error);   // launch and greet, what is not done yet
  bool launch(Worker& w, std::string& error);  // the zygote's process and socket
  bool greet(Worker& w, std::string& error);   // its hello, or why it failed
  void stop(Worker& w);
  pid_t ask(Worker& w, int commands, int results, int diagnostics, std::string& error,
            bool& delivered);
  void release(size_t slot);

  std::filesystem::path harness_exe_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<Launcher> launcher_;
  mutable std::mutex mu_;
  std::condition_variable free_;
  uint64_t replaced_ = 0;
};

}  // namespace pyjudge::judge
