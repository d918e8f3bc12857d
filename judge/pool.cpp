#include "judge/pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/posix.hpp>
#include <cerrno>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <system_error>
#include <thread>

#include "harness/protocol.hpp"
#include "harness/wire.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/sandbox.hpp"
#include "sandbox/unique_fd.hpp"

namespace bp = boost::process;

namespace pyjudge::judge {

namespace {

using Fd = sandbox::UniqueFd;
using harness::ZygoteMessage;

constexpr int k_hello_timeout_ms = 20000;  // interpreter start-up on a loaded machine
constexpr int k_reply_timeout_ms = 5000;   // a fork

// Runs in the forked child between fork and exec: async-signal-safe calls only.
struct SessionSetup {
  template <class Executor>
  void operator()(Executor&) const {
    setsid();  // own session: no controlling terminal, and out of the judge's group
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // dies with the pool's launcher thread
    // Anything inherited from the judge's caller closes at exec (fds 0-3 are set up by
    // Boost.Process's own dup2s and are not close-on-exec).
    syscall(SYS_close_range, 4u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */);
  }
};

// Waits for one packet; "" with `error` set on timeout, EOF or error.
std::string receive(int fd, int timeout_ms, std::string& error) {
  pollfd p{fd, POLLIN, 0};
  int r = 0;
  do {
    r = poll(&p, 1, timeout_ms);
  } while (r < 0 && errno == EINTR);
  if (r == 0) {
    error = fmt::format("no answer within {} ms", timeout_ms);
    return {};
  }
  char buf[4096];
  ssize_t n = 0;
  do {
    n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    error = n == 0 ? "it exited" : std::string("recv: ") + std::strerror(errno);
    return {};
  }
  return {buf, static_cast<size_t>(n)};
}

}  // namespace

struct WorkerPool::Worker {
  std::atomic<pid_t> pid = -1;  // written by the lease holder, read by zygote_pids()
  Fd socket;
  bool busy = false;
  bool started_before = false;
  bool greeted = false;  // its hello received: launched and ready
  std::unique_ptr<sandbox::Cgroup> cgroup;
  // Made by prestart() beside the zygote's start (a v1 cgroup's mkdir and first use wait
  // 5-15 ms on the kernel); taken by the first job, which sets its limits.
  std::future<std::unique_ptr<sandbox::Cgroup>> cgroup_ahead;
};

// The one thread that starts zygotes (see pool.hpp), for as long as the pool lives.
class WorkerPool::Launcher {
 public:
  Launcher() : thread_([this] { loop(); }) {}
  ~Launcher() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Launcher(const Launcher&) = delete;
  Launcher& operator=(const Launcher&) = delete;

  void run(const std::function<void()>& task) {
    std::packaged_task<void()> t(task);
    auto done = t.get_future();
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(t));
    }
    cv_.notify_all();
    done.get();
  }

 private:
  void loop() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
      if (tasks_.empty()) {
        return;
      }
      auto t = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      t();
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<void()>> tasks_;
  bool stop_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

WorkerPool::WorkerPool(std::filesystem::path harness_exe, unsigned size)
    : harness_exe_(std::move(harness_exe)), launcher_(std::make_unique<Launcher>()) {
  if (size == 0) {
    size = std::max(1u, std::thread::hardware_concurrency());
  }
  for (unsigned i = 0; i < size; ++i) {
    workers_.push_back(std::make_unique<Worker>());
  }
}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_) {
    stop(*w);
  }
  launcher_.reset();
}

bool WorkerPool::start(Worker& w, std::string& error) {
  return (w.pid > 0 || launch(w, error)) && (w.greeted || greet(w, error));
}

void WorkerPool::prestart(size_t count) {
  // The workers held while they are launched, so that no job uses one half started.
  std::vector<Lease> leases;
  for (size_t i = 0; i < std::min(count, workers_.size()); ++i) {
    leases.push_back(acquire());
  }
  for (Lease& l : leases) {
    Worker& w = *workers_[l.slot_];
    std::string error;
    if (w.pid <= 0) {
      (void)launch(w, error);  // a failure is met again, and reported, at the first job
    }
    if (!w.cgroup && !w.cgroup_ahead.valid()) {
      try {
        w.cgroup_ahead = std::async(std::launch::async, [] {
          sandbox::CgroupLimits limits;
          limits.memory_bytes = uint64_t{1} << 30;  // the first job's limits replace these
          std::string why_not;  // met again, and reported, by the first job's own attempt
          return sandbox::Cgroup::create(limits, why_not);
        });
      } catch (const std::system_error&) {
        // No thread to spare: the first job makes the cgroup itself.
      }
    }
  }
}

bool WorkerPool::launch(Worker& w, std::string& error) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
    error = std::string("socketpair: ") + std::strerror(errno);
    return false;
  }
  Fd ours(sv[0]);
  // Above the child's slots: dup2(fd, fd) would keep close-on-exec set.
  Fd theirs(fcntl(sv[1], F_DUPFD_CLOEXEC, 10));
  close(sv[1]);
  if (theirs.get() < 0) {
    error = std::string("fcntl: ") + std::strerror(errno);
    return false;
  }
  pid_t pid = -1;
  launcher_->run([&] {
    try {
      bp::environment env;  // the judge's environment never reaches a box (I4)
      env.clear();
      // Only this, for the dynamic linker: every symbol bound as the zygote loads, so that
      // no box resolves (and copies the page of) a lazily bound one again. The zygote
      // removes it before anything else.
      env["LD_BIND_NOW"] = "1";
      bp::child child(harness_exe_.string(), "--zygote", env,
                      bp::std_in<bp::null, bp::std_out> bp::null, bp::std_err > bp::null,
                      bp::posix::fd.bind(harness::k_zygote_fd, theirs.get()),
                      bp::extend::on_exec_setup = SessionSetup{});
      pid = child.id();
      child.detach();  // reaped by stop()
    } catch (const std::exception& e) {
      error = fmt::format(
          "cannot start the harness {}: {} (keep pyjudge-harness next to pyjudge, or give its "
          "path with --harness or $PYJUDGE_HARNESS)",
          harness_exe_.string(), e.what());
    }
  });
  theirs.reset();
  if (pid <= 0) {
    return false;
  }
  w.pid = pid;
  w.socket = std::move(ours);
  w.greeted = false;
  return true;
}

bool WorkerPool::greet(Worker& w, std::string& error) {
  std::string why;
  std::string hello = receive(w.socket.get(), k_hello_timeout_ms, why);
  if (hello.size() == 5 && static_cast<ZygoteMessage>(hello[0]) == ZygoteMessage::hello) {
    if (w.started_before) {
      std::lock_guard lock(mu_);
      ++replaced_;
    }
    w.started_before = true;
    w.greeted = true;
    spdlog::debug("zygote {} started", w.pid.load());
    return true;
  }
  if (!hello.empty() && static_cast<ZygoteMessage>(hello[0]) == ZygoteMessage::failed) {
    try {
      wire::Reader r(std::string_view(hello).substr(1));
      why = std::string(r.str());
    } catch (const wire::DecodeError&) {
      why = "a malformed failure report";
    }
  }
  error = fmt::format("the harness {} did not start: {}", harness_exe_.string(),
                      why.empty() ? "an unexpected first message" : why);
  stop(w);
  return false;
}

void WorkerPool::stop(Worker& w) {
  w.socket.reset();  // a live zygote exits on EOF; make sure of it
  pid_t pid = w.pid.exchange(-1);
  if (pid > 0) {
    kill(pid, SIGKILL);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

pid_t WorkerPool::ask(Worker& w, int commands, int results, int diagnostics, std::string& error,
                      bool& delivered) {
  delivered = false;
  char type = static_cast<char>(ZygoteMessage::spawn);
  iovec iov{&type, 1};
  int fds[harness::k_zygote_passed_fds] = {commands, results, diagnostics};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof fds);
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  ssize_t n = 0;
  do {
    n = sendmsg(w.socket.get(), &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n != 1) {
    error = std::string("the zygote is gone (sendmsg: ") + std::strerror(errno) + ")";
    return -1;
  }
  delivered = true;  // from here a child may exist that holds these descriptors
  std::string reply = receive(w.socket.get(), k_reply_timeout_ms, error);
  if (reply.empty()) {
    error = "the zygote did not fork: " + error;
    return -1;
  }
  try {
    wire::Reader r(std::string_view(reply).substr(1));
    if (static_cast<ZygoteMessage>(reply[0]) == ZygoteMessage::failed) {
      error = "the zygote could not fork: " + std::string(r.str());
      return -1;
    }
    if (static_cast<ZygoteMessage>(reply[0]) != ZygoteMessage::spawned) {
      error = "the zygote sent an unknown message";
      return -1;
    }
    auto pid = static_cast<pid_t>(r.u32());
    r.expect_end();
    // CLONE_PARENT made it ours: only then may runner wait for it, kill its group and trust
    // that the pid is not reused before it is reaped.
    if (pid <= 1 || sandbox::parent_pid(pid) != getpid()) {
      error = fmt::format("the zygote reported pid {}, which is not the judge's child", pid);
      return -1;  // not ours to kill or reap; the caller's pipes are retired with it
    }
    return pid;
  } catch (const wire::DecodeError&) {
    error = "the zygote sent a malformed message";
    return -1;
  }
}

WorkerPool::Lease WorkerPool::acquire() {
  std::unique_lock lock(mu_);
  while (true) {
    for (size_t i = 0; i < workers_.size(); ++i) {
      if (!workers_[i]->busy) {
        workers_[i]->busy = true;
        return Lease(this, i);
      }
    }
    free_.wait(lock);
  }
}

void WorkerPool::release(size_t slot) {
  {
    std::lock_guard lock(mu_);
    workers_[slot]->busy = false;
  }
  free_.notify_one();
}

WorkerPool::Lease::~Lease() {
  if (pool_ != nullptr) {
    pool_->release(slot_);
  }
}

pid_t WorkerPool::Lease::spawn(int commands, int results, int diagnostics, std::string& error,
                               bool& delivered) {
  Worker& w = *pool_->workers_[slot_];
  std::string first;
  delivered = false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    error.clear();
    if (!pool_->start(w, error)) {
      if (first.empty()) {
        first = error;
      }
      continue;
    }
    pid_t pid = pool_->ask(w, commands, results, diagnostics, error, delivered);
    if (pid > 0) {
      return pid;
    }
    spdlog::debug("worker {} (zygote {}): {}; replacing it", slot_, w.pid.load(), error);
    if (first.empty()) {
      first = error;
    }
    pool_->stop(w);
    if (delivered) {
      // The zygote had the descriptors: a child it forked may hold them. They are never
      // sent again; the caller makes new pipes (and such a child reads EOF and exits).
      return -1;
    }
  }
  error = error == first ? first + " (and again on a fresh worker)"
                         : first + "; then, on a fresh worker: " + error;
  return -1;
}

std::unique_ptr<sandbox::Cgroup>& WorkerPool::Lease::cgroup() {
  Worker& w = *pool_->workers_[slot_];
  if (w.cgroup_ahead.valid()) {
    auto made = w.cgroup_ahead.get();
    if (!w.cgroup) {
      w.cgroup = std::move(made);
    }
  }
  return w.cgroup;
}

bool WorkerPool::Lease::worker_alive() const {
  pid_t pid = pool_->workers_[slot_]->pid;
  if (pid <= 0) {
    return false;
  }
  siginfo_t info{};
  // Without reaping it: stop() does that.
  int r = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
  return r == 0 && info.si_pid == 0;
}

void WorkerPool::Lease::retire() {
  pool_->stop(*pool_->workers_[slot_]);
}

std::vector<pid_t> WorkerPool::zygote_pids() const {
  std::lock_guard lock(mu_);
  std::vector<pid_t> pids;
  for (const auto& w : workers_) {
    if (w->pid > 0) {
      pids.push_back(w->pid);
    }
  }
  return pids;
}

uint64_t WorkerPool::replaced() const {
  std::lock_guard lock(mu_);
  return replaced_;
}

namespace {

std::mutex g_shared_mu;
unsigned g_default_size = 0;

std::map<std::filesystem::path, std::unique_ptr<WorkerPool>>& shared_pools() {
  static std::map<std::filesystem::path, std::unique_ptr<WorkerPool>> pools;
  return pools;
}

}  // namespace

WorkerPool& WorkerPool::shared(const std::filesystem::path& harness_exe) {
  std::lock_guard lock(g_shared_mu);
  auto& pool = shared_pools()[harness_exe];
  if (!pool) {
    pool = std::make_unique<WorkerPool>(harness_exe, g_default_size);
  }
  return *pool;
}

void WorkerPool::set_default_size(unsigned size) {
  std::lock_guard lock(g_shared_mu);
  g_default_size = size;
}

}  // namespace pyjudge::judge
