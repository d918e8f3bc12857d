#include "sandbox/leftovers.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace pyjudge::sandbox::leftovers {

namespace {

std::mutex g_mutex;
std::map<uint64_t, std::function<void()>> g_removals;  // guarded by g_mutex
uint64_t g_next = 0;                                   // guarded by g_mutex
std::atomic<int> g_pipe_in{-1};  // written by the signal handler; -1 until installed
std::atomic<pid_t> g_owner{0};   // the process that installed the handlers
std::atomic<bool> g_ending{false};
std::atomic<int> g_stopped_by{0};  // a signal a command stopped gently on (batch)
std::atomic<int> g_making{0};      // threads between making something and remembering it

[[noreturn]] void park() {
  for (;;) {
    pause();
  }
}

extern "C" void on_interrupt(int sig) {
  interrupt_from_handler(sig);
}

// Dies of `sig` itself, so that a shell running pyjudge in a loop sees Ctrl-C and stops
// (an exit status of 130 would read as "handled": the loop would go on).
[[noreturn]] void die_of(int sig) {
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  _exit(128 + sig);  // only if the signal did not end the process
}

// Runs every remembered removal. Removals remembered meanwhile (a box starting on another
// thread) are taken in the next round; one remembered after the last round sees g_ending
// and removes itself (remember()).
void remove_all() {
  for (;;) {
    std::vector<std::function<void()>> batch;
    {
      std::lock_guard lock(g_mutex);
      for (auto& [id, remove] : g_removals) {
        batch.push_back(std::move(remove));
      }
      g_removals.clear();
    }
    if (batch.empty()) {
      return;
    }
    for (auto& remove : batch) {
      try {
        remove();
      } catch (...) {  // best effort: the next removal still runs
      }
    }
  }
}

[[noreturn]] void end_process(int sig) {
  g_ending.store(true);
  remove_all();
  // What other threads were making meanwhile (a judge thread starting the next box after
  // its box was killed): each removes its own once remembered; wait for them (up to 2 s).
  for (int i = 0; i < 2000 && g_making.load() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  remove_all();
  const char* name = sig == SIGINT ? "interrupted (Ctrl-C)" : "stopped by a signal";
  std::string text = std::string("\npyjudge: ") + name + "; its boxes were ended and removed\n";
  (void)!write(STDERR_FILENO, text.data(), text.size());
  die_of(sig);
}

}  // namespace

uint64_t remember(std::function<void()> remove) {
  uint64_t id = 0;
  {
    std::lock_guard lock(g_mutex);
    id = ++g_next;
    g_removals.emplace(id, remove);
  }
  if (g_ending.load()) {  // made while pyjudge is ending: removed here and now
    forget(id);
    try {
      remove();
    } catch (...) {
    }
  }
  return id;
}

Making::Making() {
  if (g_ending.load()) {
    park();
  }
  g_making.fetch_add(1);
  if (g_ending.load()) {  // the ending began in between: it may be waiting for us
    g_making.fetch_sub(1);
    park();
  }
}

Making::~Making() {
  g_making.fetch_sub(1);
}

void forget(uint64_t id) {
  std::lock_guard lock(g_mutex);
  g_removals.erase(id);
}

void handle_interrupts() {
  static std::once_flag once;
  std::call_once(once, [] {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      return;  // signals keep their default action
    }
    std::thread([in = fds[0]] {
      unsigned char sig = 0;
      ssize_t n = 0;
      do {
        n = read(in, &sig, 1);
      } while (n < 0 && errno == EINTR);
      end_process(n == 1 ? sig : SIGTERM);
    }).detach();
    g_owner.store(getpid());
    g_pipe_in.store(fds[1]);
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      // A signal ignored when pyjudge started (nohup, `cmd &` in a script) stays ignored.
      if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
        continue;
      }
      sigaction(sig, &sa, nullptr);
    }
  });
}

void interrupt_from_handler(int sig) {
  int saved_errno = errno;
  int fd = g_pipe_in.load();
  auto byte = static_cast<unsigned char>(sig);
  // A forked child that has not exec'd yet (a probe) dies as it would have; so does a
  // second signal while the removals run.
  if (fd < 0 || getpid() != g_owner.load() || g_ending.load() || write(fd, &byte, 1) != 1) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
  errno = saved_errno;
}

void stopped_by(int sig) {
  g_stopped_by.store(sig);
}

void die_if_stopped() {
  if (int sig = g_stopped_by.load(); sig != 0) {
    die_of(sig);
  }
}

}  // namespace pyjudge::sandbox::leftovers
