#include "sandbox/leftovers.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

namespace pyjudge::sandbox::leftovers {

namespace {

std::mutex g_mutex;
std::map<uint64_t, std::function<void()>> g_removals;  // guarded by g_mutex
uint64_t g_next = 0;                                   // guarded by g_mutex
std::atomic<int> g_pipe_in{-1};  // written by the signal handler; -1 until installed

extern "C" void on_interrupt(int sig) {
  interrupt_from_handler(sig);
}

[[noreturn]] void end_process(int sig) {
  // Held until _exit: no removal is added or forgotten meanwhile, and a destructor that
  // wants the lock waits for the end.
  g_mutex.lock();
  for (auto& [id, remove] : g_removals) {
    try {
      remove();
    } catch (...) {  // best effort: the next removal still runs
    }
  }
  const char* name = sig == SIGINT ? "interrupted (Ctrl-C)" : "stopped by a signal";
  std::string text = std::string("\npyjudge: ") + name + "; its boxes were ended and removed\n";
  (void)!write(STDERR_FILENO, text.data(), text.size());
  _exit(128 + sig);
}

}  // namespace

uint64_t remember(std::function<void()> remove) {
  std::lock_guard lock(g_mutex);
  uint64_t id = ++g_next;
  g_removals.emplace(id, std::move(remove));
  return id;
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
    g_pipe_in.store(fds[1]);
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      sigaction(sig, &sa, nullptr);
    }
  });
}

void interrupt_from_handler(int sig) {
  int fd = g_pipe_in.load();
  auto byte = static_cast<unsigned char>(sig);
  if (fd < 0 || write(fd, &byte, 1) != 1) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
}

}  // namespace pyjudge::sandbox::leftovers
