// Records syscalls the seccomp policy refused.
//
// The filter's default action is SECCOMP_RET_TRAP: the kernel skips the syscall and sends
// SIGSYS. The handler below (installed before the filter, and protected by it: rt_sigaction
// on SIGSYS is refused) notes the syscall number in a fixed array and makes the syscall
// return -EPERM, so the candidate sees an ordinary PermissionError. Async-signal-safe: no
// allocation, no locks, only relaxed atomics.
#include <signal.h>
#include <ucontext.h>

#include <fmt/format.h>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

constexpr size_t k_slots = 64;
std::atomic<int> g_syscalls[k_slots];
std::atomic<size_t> g_count{0};

void on_sigsys(int, siginfo_t* info, void* context) {
  size_t i = g_count.fetch_add(1, std::memory_order_relaxed);
  if (i < k_slots) {
    g_syscalls[i].store(info->si_syscall, std::memory_order_relaxed);
  }
  auto* uc = static_cast<ucontext_t*>(context);
#if defined(__x86_64__)
  uc->uc_mcontext.gregs[REG_RAX] = -EPERM;
#elif defined(__aarch64__)
  uc->uc_mcontext.regs[0] = static_cast<unsigned long long>(-EPERM);
#else
#error "set the syscall return register for this architecture"
#endif
}

}  // namespace

std::optional<std::string> install_violation_handler() {
  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSYS, &sa, nullptr) != 0) {
    return fmt::format("sigaction(SIGSYS): {}", std::strerror(errno));
  }
  // SIGSYS must not be blocked, or the kernel kills the process on the first violation.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGSYS);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  return std::nullopt;
}

std::vector<int> take_violations() {
  size_t n = g_count.exchange(0, std::memory_order_relaxed);
  std::vector<int> out;
  for (size_t i = 0; i < std::min(n, k_slots); ++i) {
    out.push_back(g_syscalls[i].load(std::memory_order_relaxed));
  }
  return out;
}

}  // namespace pyjudge::sandbox
