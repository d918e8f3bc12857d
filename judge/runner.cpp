#include "judge/runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "harness/wire.hpp"
#include "judge/pool.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/leftovers.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/unique_fd.hpp"

namespace pyjudge::judge {

namespace {

constexpr size_t k_diagnostics_keep = 64 * 1024;
constexpr uint32_t k_setup_grace_ms = 3000;      // interpreter start-up is not the candidate's
constexpr uint32_t k_exit_grace_ms = 2000;       // from the last result to the harness's exit
constexpr uint64_t k_cpu_slack_ns = 20'000'000;  // clock reads lag the child a little
constexpr int k_tick_ms = 10;
constexpr int k_gather_us = 200;  // pause after reading results, for more to gather
constexpr int k_p_pidfd = 3;      // P_PIDFD for waitid (Linux 5.4); older headers lack it
// The box's cgroup also counts the interpreter's file pages and its tmpfs scratch folder.
constexpr uint64_t k_cgroup_headroom_mb = 48;

using Fd = sandbox::UniqueFd;

struct Pipe {
  Fd read;
  Fd write;
};

Pipe make_pipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  return {Fd(fds[0]), Fd(fds[1])};
}

uint64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

// The child's CPU time (all its threads), read by the judge: the candidate cannot fake it.
// Linux advances another process's CPU clock at scheduler ticks (4 ms here).
std::optional<uint64_t> child_cpu_ns(pid_t pid) {
  clockid_t clk{};
  timespec ts{};
  if (clock_getcpuclockid(pid, &clk) != 0 || clock_gettime(clk, &ts) != 0) {
    return std::nullopt;
  }
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

void ignore_sigpipe_once() {
  static std::once_flag once;
  std::call_once(once, [] { signal(SIGPIPE, SIG_IGN); });
}

constexpr uint64_t ms_to_ns(uint64_t ms) {
  return ms * 1'000'000;
}

// A job's bytes as they go out: its own frame, the tests' frames (the caller's, never copied
// here) and `start`, written in order as fast as the pipe takes them.
class JobBytes {
 public:
  JobBytes(std::string head, std::span<const EncodedTest> tests, std::string tail)
      : head_(std::move(head)), tail_(std::move(tail)) {
    pieces_.reserve(tests.size() + 2);
    pieces_.emplace_back(head_);
    for (const EncodedTest& t : tests) {
      pieces_.emplace_back(t.frame);
    }
    pieces_.emplace_back(tail_);
  }
  JobBytes(const JobBytes&) = delete;
  JobBytes& operator=(const JobBytes&) = delete;

  [[nodiscard]] bool empty() const { return next_ == pieces_.size(); }
  [[nodiscard]] size_t size() const {
    size_t n = 0;
    for (std::string_view p : pieces_) {
      n += p.size();
    }
    return n;
  }
  void clear() { next_ = pieces_.size(); }

  // One writev of what is left (up to 64 pieces): the bytes written, or -1 with errno.
  ssize_t write_to(int fd) {
    constexpr size_t k_max_pieces = 64;
    iovec iov[k_max_pieces];
    size_t count = 0;
    for (size_t i = next_; i < pieces_.size() && count < k_max_pieces; ++i) {
      size_t skip = i == next_ ? offset_ : 0;
      iov[count++] = {const_cast<char*>(pieces_[i].data()) + skip, pieces_[i].size() - skip};
    }
    ssize_t w = writev(fd, iov, static_cast<int>(count));
    for (size_t left = w > 0 ? static_cast<size_t>(w) : 0; left > 0 && !empty();) {
      size_t rest = pieces_[next_].size() - offset_;
      if (left < rest) {
        offset_ += left;
        break;
      }
      left -= rest;
      ++next_;
      offset_ = 0;
    }
    // Past an empty piece too (there are none: a frame is at least 5 bytes), or this spins.
    while (!empty() && pieces_[next_].size() == offset_) {
      ++next_;
      offset_ = 0;
    }
    return w;
  }

 private:
  std::string head_;
  std::string tail_;
  std::vector<std::string_view> pieces_;
  size_t next_ = 0;    // the first piece not wholly written
  size_t offset_ = 0;  // how much of it is
};

// Watches one harness from spawn to reap. Phases: start-up (until `loading`), the
// candidate's top-level code (until `ready`), then one phase per test (until its result).
// Each phase has a CPU and a wall budget; the whole run has a hard deadline that no
// frame can extend.
class Watch {
 public:
  Watch(const RunRequest& req, pid_t pid, const sandbox::Cgroup* cgroup, Fd commands,
        JobBytes& job_bytes, Fd results, Fd diagnostics)
      : req_(req),
        pid_(pid),
        cgroup_(cgroup),
        commands_(std::move(commands)),
        pending_(job_bytes),
        results_(std::move(results)),
        diag_(std::move(diagnostics)),
        frames_(req.job.limits.output_bytes + (1u << 20)),
        memory_limit_kb_(cgroup == nullptr
                             ? (uint64_t{req.job.limits.memory_mb} + k_cgroup_headroom_mb) * 1024
                             : 0) {
    fcntl(commands_.get(), F_SETFL, O_NONBLOCK);
    // Readable when the child exits: the loop wakes for its ending instead of a tick later.
    exit_fd_.reset(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
    uint64_t phases = req.tests.size() + 1;
    deadline_ns_ = monotonic_ns() + ms_to_ns(k_setup_grace_ms + k_exit_grace_ms) +
                   phases * ms_to_ns(req.wall_ms);
  }

  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  // Whatever happens (even an exception), the box is killed and the child reaped.
  ~Watch() {
    if (!exited_) {
      kill_box();
      reap(true);
    }
  }

  void run(RunOutcome& out) {
    out_ = &out;
    mark();
    while (!exited_) {
      poll_once();
      if (!exited_ && !killed_) {
        enforce_limits();
      }
      if (read_frames_ && !exited_ && !killed_ && !all_results_in()) {
        // Results of quick tests come microseconds apart, and waking for each one takes
        // the CPU from the box (two cores: the box and the judge's thread take turns). A
        // pause lets them gather: a wake-up per 200 µs, not per test, far below what a
        // time limit can tell apart.
        std::this_thread::sleep_for(std::chrono::microseconds(k_gather_us));
      }
      read_frames_ = false;
    }
    drain();  // whatever the child wrote before it went
    reap_orphans();
    // A box that died in a test (a crash, the kernel's OOM kill) used CPU in it too: its
    // cgroup still counts it once everything in it is gone.
    if (out.ending == Ending::completed && !all_results_in() && cgroup_ != nullptr) {
      auto now = cgroup_->cpu_ns();  // never the reaped pid's clock: its number is free again
      out.running_cpu_ns = now && *now > phase_cpu_ns_ ? *now - phase_cpu_ns_ : 0;
    }
    out.peak_rss_kb = static_cast<uint64_t>(usage_.ru_maxrss);
  }

 private:
  void poll_once() {
    // A closed descriptor is -1: poll skips it (a placeholder like /dev/null would be
    // readable forever and spin this loop).
    pollfd fds[4] = {{results_.get(), POLLIN, 0},
                     {diag_.get(), POLLIN, 0},
                     {pending_.empty() ? -1 : commands_.get(), POLLOUT, 0},
                     {exit_fd_.get(), POLLIN, 0}};
    int n = poll(fds, 4, k_tick_ms);
    if (n < 0 && errno != EINTR) {
      spdlog::warn("poll: {}", std::strerror(errno));
    }
    if (n > 0) {
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        read_results();
      }
      if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        read_diagnostics();
      }
      if ((fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
        write_job();
      }
    }
    reap(false);
  }

  // The job goes out through the same loop, so a harness that stops reading (or dies)
  // can never block the judge.
  void write_job() {
    while (!pending_.empty()) {
      if (pending_.write_to(commands_.get()) < 0) {
        if (errno == EINTR) {
          continue;
        }
        if (errno != EAGAIN) {
          spdlog::debug("writing the job: {}", std::strerror(errno));
          pending_.clear();
          commands_.reset();
        }
        return;
      }
      if (pending_.empty()) {
        commands_.reset();  // EOF after `start`
      }
    }
  }

  void read_results() {
    char buf[65536];
    ssize_t r = read(results_.get(), buf, sizeof buf);
    if (r <= 0) {
      if (r == 0 || errno != EINTR) {
        results_.reset();
      }
      return;
    }
    if (out_->ending == Ending::corrupt || out_->ending == Ending::harness_fault) {
      return;  // ignore the rest of a broken stream
    }
    frames_.append(std::string_view(buf, static_cast<size_t>(r)));
    read_frames_ = true;
    // One reading of the box's CPU for every frame that came in this read: frames that
    // arrived together were sent within the same clock tick anyway.
    chunk_cpu_ = box_cpu_ns();
    try {
      while (auto f = frames_.next()) {
        handle(*f);
        if (out_->ending == Ending::corrupt || out_->ending == Ending::harness_fault) {
          break;
        }
      }
    } catch (const wire::DecodeError& e) {
      corrupt(e.what());
    }
    chunk_cpu_.reset();
  }

  // The box's peak RSS (judge-read), at most once a millisecond: tiny tests come faster
  // than that, and VmHWM only grows, so a test's figure is never above its true peak.
  uint64_t box_peak_kb(bool force) {
    uint64_t now = monotonic_ns();
    if (force || now - peak_read_ns_ >= 1'000'000) {
      // The box by number only while its pidfd says it is alive (once init has reaped it,
      // the number may belong to another job); the harness is ours and unreaped.
      bool box_alive = box_pid_ > 0 && box_pidfd_.get() >= 0 &&
                       syscall(SYS_pidfd_send_signal, box_pidfd_.get(), 0, nullptr, 0) == 0;
      if (box_pid_ <= 0 || box_alive) {
        // The peak read by the judge, never a figure a frame claims; and the page tables,
        // which count towards the limit without a cgroup (see over_memory). One read.
        auto kb = sandbox::proc_status_fields(box_alive ? box_pid_ : pid_, {"VmHWM", "VmPTE"});
        if (kb[0]) {
          peak_kb_ = std::max(peak_kb_, *kb[0]);
        }
        page_tables_kb_ = kb[1].value_or(page_tables_kb_);
      }
      peak_read_ns_ = now;
    }
    return peak_kb_;
  }

  // Frames must come in the one order the harness sends them: loading, ready, results.
  void handle(const wire::Frame& f) {
    using harness::FrameType;
    switch (static_cast<FrameType>(f.type)) {
      case FrameType::box: {
        if (out_->loading_seen || box_pid_ > 0) {
          return corrupt("a box frame out of order");
        }
        wire::Reader r(f.payload);
        auto pid = static_cast<pid_t>(r.u32());
        auto init = static_cast<pid_t>(r.u32());
        r.expect_end();
        if (pid <= 1 || init <= 1) {
          return corrupt("a box frame with a bad pid");
        }
        box_pid_ = pid;  // sent before candidate code: its CPU clock is the box's
        init_pid_ = init;
        // Pin both with pidfds so a later kill or reap cannot reach a reused pid, and keep
        // them only if the family is right: init is the harness's child (the harness is
        // unreaped, so its pid is ours), and the box is init's child.
        init_pidfd_.reset(static_cast<int>(syscall(SYS_pidfd_open, init, 0)));
        box_pidfd_.reset(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
        if (sandbox::parent_pid(init) != pid_ || sandbox::parent_pid(pid) != init) {
          spdlog::debug("box pids {} / {} are not the harness's family; not using them", pid, init);
          init_pidfd_.reset();
          box_pidfd_.reset();
          box_pid_ = 0;
        }
        mark();
        return;
      }
      case FrameType::loading:
        if (out_->loading_seen) {
          return corrupt("a second loading frame");
        }
        out_->loading_seen = true;
        out_->layers = harness::decode_layers(f.payload);  // sent before candidate code ran
        mark();
        return;
      case FrameType::ready:
        if (!out_->loading_seen || out_->ready) {
          return corrupt("a ready frame out of order");
        }
        out_->ready = harness::decode_ready(f.payload);
        out_->ready_peak_kb = box_peak_kb(/*force=*/true);
        mark();
        return;
      case FrameType::result: {
        if (!out_->ready || out_->ready->status != harness::ReadyStatus::ok ||
            out_->results.size() >= req_.tests.size()) {
          return corrupt("a result frame out of order");
        }
        harness::Result r = harness::decode_result(f.payload);
        if (r.index != req_.tests[out_->results.size()].index) {
          return corrupt(fmt::format("a result for test {} where {} was due", r.index,
                                     req_.tests[out_->results.size()].index));
        }
        uint64_t phase_cpu = phase_cpu_used();
        // Memory as the kernel counts it, not as the frame says (0: could not be read).
        r.peak_rss_kb =
            box_peak_kb(out_->results.size() + 1 == req_.tests.size() || memory_limit_kb_ != 0);
        if (over_memory()) {
          return;  // this test is MLE, its result never counts
        }
        if (req_.on_result) {
          req_.on_result(r, phase_cpu);
          std::string().swap(r.value);
        }
        out_->results.push_back(std::move(r));
        mark();
        return;
      }
      case FrameType::fatal:
        if (out_->loading_seen) {
          // After candidate code ran, a failure report is within its reach: the run
          // ends, and the test that was running is the candidate's.
          return corrupt("a failure report from the harness: " + f.payload.substr(0, 500),
                         /*harness_report=*/true);
        }
        out_->ending = Ending::harness_fault;
        out_->message = f.payload.substr(0, 2000);
        kill_box();
        return;
      default:
        return corrupt(fmt::format("an unknown frame type {}", f.type));
    }
  }

  void corrupt(const std::string& what, bool harness_report = false) {
    if (out_->ending == Ending::corrupt || out_->ending == Ending::harness_fault) {
      return;
    }
    spdlog::debug("result channel: {}", what);
    out_->ending = out_->loading_seen ? Ending::corrupt : Ending::harness_fault;
    out_->harness_report = harness_report;
    out_->message = "the result channel carried " + what;
    kill_box();
  }

  void read_diagnostics() {
    char buf[65536];
    ssize_t r = read(diag_.get(), buf, sizeof buf);
    if (r <= 0) {
      if (r == 0 || errno != EINTR) {
        diag_.reset();
      }
      return;
    }
    if (out_->diagnostics.size() < k_diagnostics_keep) {
      out_->diagnostics.append(
          buf, std::min(static_cast<size_t>(r), k_diagnostics_keep - out_->diagnostics.size()));
    }
  }

  void drain() {
    for (int i = 0; i < 64 && results_.get() >= 0; ++i) {
      pollfd p{results_.get(), POLLIN, 0};
      if (poll(&p, 1, 0) <= 0) {
        break;
      }
      read_results();
    }
    for (int i = 0; i < 64 && diag_.get() >= 0; ++i) {
      pollfd p{diag_.get(), POLLIN, 0};
      if (poll(&p, 1, 0) <= 0 || (p.revents & POLLIN) == 0) {
        break;
      }
      read_diagnostics();
    }
  }

  // The box's CPU time: from its cgroup when there is one (every process and thread, in
  // nanoseconds), else the harness's process clock (its threads, in 4 ms ticks).
  [[nodiscard]] std::optional<uint64_t> box_cpu_ns() const {
    if (chunk_cpu_) {
      return chunk_cpu_;
    }
    if (cgroup_ != nullptr) {
      if (auto ns = cgroup_->cpu_ns()) {
        return ns;
      }
    }
    return child_cpu_ns(box_pid_ > 0 ? box_pid_ : pid_);
  }

  // A frame just arrived: the next phase starts now.
  void mark() {
    phase_cpu_ns_ = box_cpu_ns().value_or(phase_cpu_ns_);
    phase_wall_ns_ = monotonic_ns();
  }

  [[nodiscard]] uint64_t phase_cpu_used() const {
    auto now = box_cpu_ns();
    return now && *now > phase_cpu_ns_ ? *now - phase_cpu_ns_ : 0;
  }

  [[nodiscard]] bool all_results_in() const {
    return out_->results.size() == req_.tests.size() ||
           (out_->ready && out_->ready->status != harness::ReadyStatus::ok);
  }

  void enforce_limits() {
    uint64_t now = monotonic_ns();
    if (now > deadline_ns_) {
      spdlog::debug("harness outlived the run's deadline");
      out_->ending = Ending::deadline;
      out_->running_cpu_ns = phase_cpu_used();
      kill_box();
      return;
    }
    uint64_t cpu = phase_cpu_used();
    uint64_t wall = now - phase_wall_ns_;
    if (all_results_in() || out_->ending != Ending::completed) {
      if (wall > ms_to_ns(k_exit_grace_ms)) {  // nothing left to run: it should be gone
        spdlog::debug("harness did not exit after its last result; killing it");
        kill_box();
      }
      return;
    }
    if (over_memory()) {
      return;
    }
    uint64_t cpu_limit = ms_to_ns(req_.time_ms) + k_cpu_slack_ns;
    uint64_t wall_limit = ms_to_ns(req_.wall_ms);
    if (!out_->loading_seen) {  // interpreter start-up: not the candidate's time
      cpu_limit += ms_to_ns(k_setup_grace_ms);
      wall_limit += ms_to_ns(k_setup_grace_ms);
    }
    if (cpu > cpu_limit || wall > wall_limit) {
      out_->ending = cpu > cpu_limit ? Ending::cpu_limit : Ending::wall_limit;
      out_->running_cpu_ns = cpu;
      kill_box();
    }
  }

  // Without a cgroup, the memory limit as the judge reads the peak: over it, the box is
  // killed and the running test is MLE.
  // Page tables are memory RSS does not show: touching one byte per 2 MiB of a huge
  // read-only mapping (which RLIMIT_DATA does not count either) makes gigabytes of them.
  bool over_memory() {
    if (memory_limit_kb_ == 0 || box_peak_kb(false) + page_tables_kb_ <= memory_limit_kb_) {
      return false;
    }
    spdlog::debug("box peak {} KiB is over {} KiB; killing it", peak_kb_, memory_limit_kb_);
    out_->over_memory = true;
    out_->running_cpu_ns = phase_cpu_used();
    kill_box();
    return true;
  }

  void kill_box() {
    if (killed_ || exited_) {
      return;
    }
    killed_ = true;
    // Everything in the box: its cgroup, its process group, the harness itself, and the
    // box (pid 2 of its namespace). SIGCONT first, so stopped processes die at once.
    kill(-pid_, SIGCONT);
    if (cgroup_ != nullptr) {
      cgroup_->kill_all();
    }
    if (kill(-pid_, SIGKILL) != 0 && errno != ESRCH) {
      spdlog::warn("kill(-{}, SIGKILL): {}", pid_, std::strerror(errno));
    }
    kill(pid_, SIGKILL);
    if (box_pidfd_.get() >= 0) {
      syscall(SYS_pidfd_send_signal, box_pidfd_.get(), SIGKILL, nullptr, 0);
    }
  }

  // When the box is killed, the harness can die before reaping the namespace's init; the
  // kernel then hands init (and the box) to the nearest subreaper — possibly this process.
  // Reap exactly those pids if they became ours; waitpid on anything else is ECHILD at once.
  void reap_orphans() {
    for (const Fd* pidfd : {&init_pidfd_, &box_pidfd_}) {
      if (pidfd->get() < 0) {
        continue;
      }
      for (int i = 0; i < 200; ++i) {
        siginfo_t info{};
        int r = waitid(static_cast<idtype_t>(k_p_pidfd), static_cast<id_t>(pidfd->get()), &info,
                       WEXITED | WNOHANG);
        if ((r == 0 && info.si_pid != 0) || (r < 0 && errno == ECHILD)) {
          break;  // reaped, or not ours to reap
        }
        usleep(500);  // ours, but still dying
      }
    }
  }

  void reap(bool block) {
    if (exited_) {
      return;
    }
    // Wait without reaping first: while the harness is an unreaped zombie its pid, and so
    // its process group's id, cannot be reused — the group kill below reaches only the box.
    siginfo_t info{};
    int w =
        waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
    if (w != 0 || info.si_pid != pid_) {
      if (w != 0 && errno != EINTR && errno != EAGAIN) {
        spdlog::error("waitid({}): {}", pid_, std::strerror(errno));
        exited_ = true;
      }
      return;
    }
    kill(-pid_, SIGKILL);  // stragglers in the group go with the harness
    int status = 0;
    pid_t r = wait4(pid_, &status, 0, &usage_);
    if (r == pid_) {
      exited_ = true;
      if (out_ != nullptr) {
        if (WIFEXITED(status)) {
          out_->exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
          out_->signal = WTERMSIG(status);
        }
      }
    } else if (r < 0 && errno != EINTR) {
      spdlog::error("wait4({}): {}", pid_, std::strerror(errno));
      exited_ = true;
    }
  }

  const RunRequest& req_;
  pid_t pid_;
  const sandbox::Cgroup* cgroup_;  // may be null: then the process clock and group kill
  Fd commands_;
  JobBytes& pending_;
  Fd results_;
  Fd diag_;
  wire::FrameBuffer frames_;
  RunOutcome* out_ = nullptr;
  rusage usage_{};
  uint64_t deadline_ns_ = 0;
  uint64_t phase_cpu_ns_ = 0;
  uint64_t phase_wall_ns_ = 0;
  pid_t box_pid_ = 0;                  // with a pid namespace: the box, announced by the harness
  pid_t init_pid_ = 0;                 // and the namespace's init
  Fd exit_fd_;                         // pidfd of the child (-1 on kernels without pidfd_open)
  std::optional<uint64_t> chunk_cpu_;  // while handling the frames of one read
  bool read_frames_ = false;           // this turn of the loop read some of the results
  uint64_t peak_kb_ = 0;               // the box's VmHWM as last read
  uint64_t memory_limit_kb_ = 0;       // without a cgroup: the peak the box is killed over
  uint64_t page_tables_kb_ = 0;        // without a cgroup: the box's VmPTE as last read
  uint64_t peak_read_ns_ = 0;
  Fd box_pidfd_;  // pinned while they were known alive
  Fd init_pidfd_;
  bool exited_ = false;
  bool killed_ = false;
};

std::string frame_bytes(harness::FrameType type, const std::string& payload) {
  return wire::encode_frame(static_cast<uint8_t>(type), payload);
}

}  // namespace

std::vector<EncodedTest> encode_tests(const std::vector<harness::TestRequest>& tests) {
  std::vector<EncodedTest> out;
  out.reserve(tests.size());
  for (const harness::TestRequest& t : tests) {
    out.push_back({t.index, frame_bytes(harness::FrameType::test, harness::encode(t))});
  }
  return out;
}

constexpr std::string_view k_scratch_prefix = "pyjudge-box-";

// A pyjudge killed outright (SIGKILL, a CI job's timeout) cannot remove its boxes' folders.
// The next one does, once per process: folders named with the pid of a pyjudge that is gone,
// an hour old (a /tmp shared across pid namespaces could show a live owner as gone; no run
// lasts an hour), real folders (not links) of this user or of the box's user.
void sweep_abandoned_scratch(const std::filesystem::path& tmp) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(tmp, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::optional<pid_t> pid = sandbox::gone_owner(name, k_scratch_prefix);
    if (!pid) {
      continue;  // not a name this pyjudge gives, or its pyjudge may be alive
    }
    // pyjudge-box-PID-NS-XXXXXX: another pid namespace's pid means nothing here (names
    // without the namespace, of older pyjudges, are judged by their pid alone).
    std::string_view after_pid =
        std::string_view(name).substr(name.find('-', k_scratch_prefix.size()) + 1);
    size_t dash = after_pid.find('-');
    std::string_view ns = after_pid.substr(0, dash);
    bool has_ns = dash != std::string_view::npos && !ns.empty() &&
                  ns.find_first_not_of("0123456789") == std::string_view::npos;
    if (has_ns && ns != std::to_string(sandbox::pid_namespace_id())) {
      continue;
    }
    struct stat st {};
    std::error_code time_ec;
    auto written = fs::last_write_time(it->path(), time_ec);
    if (lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || time_ec ||
        now - written < std::chrono::hours(1) ||
        (st.st_uid != geteuid() && !(geteuid() == 0 && st.st_uid == sandbox::k_nobody))) {
      continue;
    }
    std::error_code rm_ec;
    fs::remove_all(it->path(), rm_ec);
    spdlog::debug("removed {}, left by pyjudge {} that is gone", it->path().string(), *pid);
  }
}

// The box's private folder: created per run, owned by the user the box runs as, removed
// with everything in it afterwards (remove_all does not follow symlinks out of it). Its
// name carries this pyjudge's pid, so that one killed outright leaves folders the next one
// can tell are abandoned.
class ScratchDir {
 public:
  ScratchDir() {
    std::filesystem::path tmp = std::filesystem::temp_directory_path();
    static std::once_flag swept;
    std::call_once(swept, [&] { sweep_abandoned_scratch(tmp); });
    std::string tmpl = (tmp / fmt::format("{}{}-{}-XXXXXX", k_scratch_prefix, getpid(),
                                          sandbox::pid_namespace_id()))
                           .string();
    sandbox::leftovers::Making making;  // made and remembered as one, even if pyjudge ends
    if (mkdtemp(tmpl.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    path_ = tmpl;
    leftover_ = sandbox::leftovers::remember([p = path_] {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    });
    if (geteuid() == 0 && chown(path_.c_str(), sandbox::k_nobody, sandbox::k_nobody) != 0) {
      spdlog::warn("chown({}): {}", path_, std::strerror(errno));
    }
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    if (ec) {
      spdlog::warn("removing {}: {}", path_, ec.message());
    }
    sandbox::leftovers::forget(leftover_);
  }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  uint64_t leftover_ = 0;  // its removal, if pyjudge is interrupted
};

namespace {

RunOutcome run_once(const RunRequest& req_in, WorkerPool::Lease& lease) {
  RunOutcome out;
  std::optional<ScratchDir> scratch;
  RunRequest req = req_in;
  try {
    scratch.emplace();
    req.job.scratch_dir = scratch->path();
  } catch (const std::exception& e) {
    out.ending = Ending::spawn_failed;
    out.message = std::string("cannot create the box's scratch folder: ") + e.what();
    return out;
  }
  Pipe commands;
  Pipe results;
  Pipe diagnostics;
  try {
    commands = make_pipe();
    results = make_pipe();
    diagnostics = make_pipe();
  } catch (const std::exception& e) {
    out.ending = Ending::spawn_failed;
    out.message = std::string("cannot make the job's pipes: ") + e.what();
    return out;
  }
  // The job process is forked by a zygote (judge/pool) as this process's child, in a new
  // session, with an empty environment and only its pipes.
  std::string error;
  bool delivered = false;
  pid_t pid = lease.spawn(commands.read.get(), results.write.get(), diagnostics.write.get(), error,
                          delivered);
  if (pid <= 0) {
    out.ending = Ending::spawn_failed;
    out.message = error;
    out.worker_fault = delivered;  // new pipes and a fresh worker may well work
    return out;
  }
  // Until the watch owns it, anything that goes wrong still kills and reaps the child.
  struct ChildGuard {
    pid_t pid;
    bool armed = true;
    explicit ChildGuard(pid_t p) : pid(p) {}
    ChildGuard(const ChildGuard&) = delete;
    ChildGuard& operator=(const ChildGuard&) = delete;
    ~ChildGuard() {
      if (armed) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
      }
    }
  } guard(pid);
  commands.read.reset();
  results.write.reset();
  diagnostics.write.reset();
  spdlog::debug("harness pid {} started for {} tests", pid, req.tests.size());
  // Into its cgroup before the first byte of the job is written, so before any candidate
  // code can run.
  std::string why_not;
  sandbox::CgroupLimits limits;
  limits.memory_bytes = (uint64_t{req.job.limits.memory_mb} + k_cgroup_headroom_mb) << 20;
  uint64_t cgroup_start = monotonic_ns();
  // The worker's cgroup from its last job, emptied and reset, else a new one.
  std::unique_ptr<sandbox::Cgroup>& cgroup = lease.cgroup();
  if (!cgroup || !cgroup->recycle(limits)) {
    cgroup.reset();  // kills whatever is left in it and removes it
    cgroup = sandbox::Cgroup::create(limits, why_not);
  }
  if (cgroup && !cgroup->add(pid)) {
    why_not = "cannot move the harness into its cgroup";
    cgroup.reset();
  }
  out.cgroup = cgroup ? harness::Layer{"cgroups", true, cgroup->description(), 0}
                      : harness::Layer{"cgroups", false, why_not, 0};
  out.cgroup.setup_ns = monotonic_ns() - cgroup_start;  // in the judge, before the job
  harness::Job job = req.job;
  job.test_count = static_cast<uint32_t>(req.tests.size());
  job.limits.tasks_in_cgroup = cgroup != nullptr;
  JobBytes job_bytes(frame_bytes(harness::FrameType::job, harness::encode(job)), req.tests,
                     frame_bytes(harness::FrameType::start, ""));
  // A pipe big enough for the whole job (up to 1 MiB, the unprivileged maximum): the judge
  // writes it in one go instead of 64 KiB at a time, each waiting for the box to read.
  // Where the kernel refuses, the job still goes through, in parts.
  if (job_bytes.size() > 65536) {
    (void)fcntl(commands.write.get(), F_SETPIPE_SZ,
                static_cast<int>(std::min<size_t>(job_bytes.size(), 1u << 20)));
  }
  if (req.cpu >= 0) {  // before the job too: all of the box's threads inherit it
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(req.cpu, &cpus);
    if (sched_setaffinity(pid, sizeof cpus, &cpus) != 0) {
      spdlog::debug("cannot keep the box on CPU {}: {}", req.cpu, std::strerror(errno));
    }
  }
  {
    Watch watch(req, pid, cgroup.get(), std::move(commands.write), job_bytes,
                std::move(results.read), std::move(diagnostics.read));
    guard.armed = false;  // the watch kills and reaps it, whatever happens
    watch.run(out);
  }
  if (cgroup) {
    out.oom_kills = cgroup->oom_kills();
    out.peak_rss_kb = std::max(out.peak_rss_kb, cgroup->peak_bytes() >> 10);
    cgroup->kill_all();  // nothing of the box outlives its run, even in a kept cgroup
  }
  // A zygote killed from outside takes its pid namespace, and so this job, with it: a
  // SIGKILL nobody here sent and no OOM kill is then the worker's end, not the candidate's.
  if (out.ending == Ending::completed && out.signal == SIGKILL && out.oom_kills == 0 &&
      !lease.worker_alive()) {
    out.ending = Ending::harness_fault;
    out.message = "the worker's zygote died during the run, and its jobs with it";
  }
  bool clean_exit = out.exit_code == 0 && out.signal == 0;
  if (out.ending == Ending::completed && !(clean_exit && [&] {
        return out.results.size() == req.tests.size() ||
               (out.ready && out.ready->status != harness::ReadyStatus::ok);
      }())) {
    out.ending = Ending::died;
  }
  spdlog::debug("harness pid {} ended: exit {} signal {} results {}/{} peak {} KiB", pid,
                out.exit_code, out.signal, out.results.size(), req.tests.size(), out.peak_rss_kb);
  return out;
}

}  // namespace

TimingCpu::TimingCpu()
    : TimingCpu([] {
        std::error_code ec;
        return std::filesystem::temp_directory_path(ec);
      }()) {}

TimingCpu::TimingCpu(const std::filesystem::path& lock_dir) {
  static const std::vector<int> cpus = [] {
    std::vector<int> out;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
      for (int c = CPU_SETSIZE - 1; c >= 0; --c) {
        if (CPU_ISSET(c, &set)) {
          out.push_back(c);
        }
      }
    }
    return out;
  }();
  static std::atomic<size_t> next{0};
  if (cpus.size() < 2) {
    return;
  }
  size_t start = next++;
  for (size_t k = 0; k < cpus.size() && !lock_dir.empty(); ++k) {
    int cpu = cpus[(start + k) % cpus.size()];
    std::string file = (lock_dir / fmt::format("pyjudge-timing-cpu-{}.lock", cpu)).string();
    // Read-only is enough for flock; another user's file in a sticky /tmp opens so too.
    // Non-blocking, and only a regular file: a FIFO planted under the name would otherwise
    // hang the open until someone writes to it.
    int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
    int fd = open(file.c_str(), flags | O_CREAT, 0644);
    if (fd < 0) {
      fd = open(file.c_str(), flags);
    }
    struct stat st {};
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
      close(fd);
      fd = -1;
    }
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
      cpu_ = cpu;
      lock_fd_ = fd;
      return;
    }
    if (fd >= 0) {
      close(fd);
    }
  }
  cpu_ = cpus[start % cpus.size()];  // every CPU claimed, or no lock file usable: unclaimed
}

TimingCpu::~TimingCpu() {
  if (lock_fd_ >= 0) {
    close(lock_fd_);  // releases the flock
  }
}

RunOutcome run_harness(const RunRequest& req) {
  ignore_sigpipe_once();
  WorkerPool& pool = req.pool != nullptr ? *req.pool : WorkerPool::shared(req.harness_exe);
  for (int attempt = 1;; ++attempt) {
    WorkerPool::Lease lease = pool.acquire();
    RunOutcome out = run_once(req, lease);
    out.attempts = attempt;
    // Before candidate code ran, a child that died or hung points at the worker: once
    // more, on a fresh one. Not a failure the harness reported itself (the box cannot be
    // entered here, a script challenge's test code does not compile): it would only
    // recur. spawn() has already retried its own part.
    bool worker_side = out.worker_fault ||
                       (!out.loading_seen && out.ending != Ending::completed &&
                        out.ending != Ending::spawn_failed && out.ending != Ending::harness_fault);
    if (!worker_side || attempt == 2) {
      return out;
    }
    spdlog::debug("job failed before candidate code ran ({}); retrying on a fresh worker",
                  out.message);
    lease.retire();
  }
}

}  // namespace pyjudge::judge
