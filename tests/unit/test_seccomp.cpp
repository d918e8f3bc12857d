// The seccomp policy, tested like Chromium's BPF_TEST_C: each body runs in a forked child
// under the policy; the parent asserts the errno it reports (exit code) or the death.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <vector>

#include "sandbox/sandbox.hpp"

namespace {

constexpr int k_setup_failed = 120;
constexpr int k_paths_differ = 121;

// Runs body under the policy in a child, compiled there (`precompiled` false) or from the
// template the zygote compiles ahead. Returns its exit code, or 128 + signal.
int under_policy_once(const std::function<int()>& body, bool precompiled) {
  pid_t pid = fork();
  if (pid == 0) {
    if (precompiled && pyjudge::sandbox::precompile_seccomp()) {
      _exit(k_setup_failed);
    }
    if (pyjudge::sandbox::install_violation_handler() || pyjudge::sandbox::apply_seccomp()) {
      _exit(k_setup_failed);
    }
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Both ways must agree: the zygote's precompiled program is the same policy.
int under_policy(const std::function<int()>& body) {
  int compiled = under_policy_once(body, false);
  int precompiled = under_policy_once(body, true);
  return compiled == precompiled ? compiled : k_paths_differ;
}

// The errno a call failed with (0 when it succeeded), as an exit code.
int errno_of(long rc) {
  return rc < 0 ? errno : 0;
}

}  // namespace

TEST_CASE("seccomp: process creation is refused with EPERM") {
  CHECK(under_policy([] { return errno_of(fork()); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_fork)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_vfork)); }) == EPERM);
  CHECK(under_policy(
            [] { return errno_of(syscall(SYS_clone, SIGCHLD, 0, nullptr, nullptr, 0)); }) == EPERM);
  CHECK(under_policy([] {  // thread flags plus a new namespace: refused
          return errno_of(syscall(SYS_clone,
                                  CLONE_THREAD | CLONE_VM | CLONE_SIGHAND | CLONE_NEWUSER, 0,
                                  nullptr, nullptr, 0));
        }) == EPERM);
  CHECK(under_policy([] {
          char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
          return errno_of(execve("/bin/true", argv, nullptr));
        }) == EPERM);
}

TEST_CASE("seccomp: clone3 is ENOSYS so glibc falls back, and threads still work") {
  CHECK(under_policy([] { return errno_of(syscall(SYS_clone3, nullptr, 0)); }) == ENOSYS);
  CHECK(under_policy([] {
          pthread_t t;
          static int ran = 0;
          if (pthread_create(
                  &t, nullptr,
                  [](void*) -> void* {
                    ran = 1;
                    return nullptr;
                  },
                  nullptr) != 0) {
            return 1;
          }
          pthread_join(t, nullptr);
          return ran == 1 ? 0 : 2;
        }) == 0);
}

TEST_CASE("seccomp: no sockets, tracing, other processes' memory or kernel facilities") {
  CHECK(under_policy([] { return errno_of(socket(AF_INET, SOCK_STREAM, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(socket(AF_UNIX, SOCK_STREAM, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(socket(AF_NETLINK, SOCK_RAW, 0)); }) == EPERM);
  CHECK(under_policy([] {
          int sv[2];
          return errno_of(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));  // asyncio's self-pipe
        }) == 0);
  CHECK(under_policy([] {
          int sv[2];
          return errno_of(socketpair(AF_INET, SOCK_STREAM, 0, sv));
        }) == EPERM);
  CHECK(under_policy([] { return errno_of(ptrace(PTRACE_ATTACH, getppid(), 0, 0)); }) == EPERM);
  CHECK(under_policy([] {
          return errno_of(syscall(SYS_process_vm_readv, getppid(), 0, 0, 0, 0, 0));
        }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_io_uring_setup, 1, nullptr)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_bpf, 0, nullptr, 0)); }) == EPERM);
  CHECK(under_policy(
            [] { return errno_of(syscall(SYS_perf_event_open, nullptr, 0, -1, -1, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_keyctl, 0, 0, 0, 0, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_personality, 0xffffffff)); }) == EPERM);
}

TEST_CASE("seccomp: nothing that shows one box what another did with a shared file") {
  // Page-cache residency (what another box just read) and locks on files every box can read.
  CHECK(under_policy([] {
          int fd = open("/dev/null", O_RDONLY);
          return errno_of(syscall(SYS_fadvise64, fd, 0, 0, POSIX_FADV_DONTNEED));
        }) == EPERM);
  CHECK(under_policy([] {
          int fd = open("/dev/null", O_RDONLY);
          return errno_of(flock(fd, LOCK_SH));
        }) == EPERM);
  CHECK(under_policy([] {
          int fd = open("/dev/null", O_RDONLY);
          struct flock lk {};
          lk.l_type = F_RDLCK;
          return errno_of(fcntl(fd, F_SETLK, &lk));
        }) == EPERM);
  CHECK(under_policy([] {
          unsigned char vec[1];
          return errno_of(mincore(reinterpret_cast<void*>(4096), 4096, vec));
        }) == EPERM);
  CHECK(under_policy([] {
          int fd = open("/dev/zero", O_RDONLY);
          char buf[8];
          iovec io{buf, sizeof buf};
          return errno_of(preadv2(fd, &io, 1, 0, RWF_NOWAIT));
        }) == EPERM);
  CHECK(under_policy([] {  // plain preadv2, as os.preadv without flags: allowed
          int fd = open("/dev/zero", O_RDONLY);
          char buf[8];
          iovec io{buf, sizeof buf};
          return preadv2(fd, &io, 1, 0, 0) == 8 ? 0 : 1;
        }) == 0);
}

TEST_CASE("seccomp: no mounts, namespaces or identity changes") {
  CHECK(under_policy([] { return errno_of(mount("none", "/tmp", "tmpfs", 0, nullptr)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(umount2("/tmp", 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(chroot("/tmp")); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_pivot_root, "/", "/")); }) == EPERM);
  CHECK(under_policy([] { return errno_of(unshare(CLONE_NEWUSER)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(setns(0, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(setuid(0)); }) == EPERM);
}

TEST_CASE("seccomp: metadata changes only through descriptors, and never times") {
  CHECK(under_policy([] { return errno_of(chmod("/tmp", 0777)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(truncate("/tmp/none", 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(utimensat(AT_FDCWD, "/tmp", nullptr, 0)); }) == EPERM);
  // futimens on /dev/null (which every box may write) set the host's node's times, which
  // every other box can stat: a channel between candidates.
  CHECK(under_policy([] {
          int fd = open("/dev/null", O_RDONLY);
          return errno_of(futimens(fd, nullptr));
        }) == EPERM);
  CHECK(under_policy([] {
          int fd = open("/dev/null", O_RDONLY);
          return fchmod(fd, 0666) == 0 || errno != EPERM ? 0 : 1;  // allowed by the policy
        }) == 0);
  // The host's load, free memory and task count, which boxes at the same time move.
  CHECK(under_policy([] { return errno_of(static_cast<int>(syscall(SYS_sysinfo, nullptr))); }) ==
        EPERM);
}

TEST_CASE("seccomp: the precompiled template with a pid written in is libseccomp's own program") {
  pid_t pid = fork();
  if (pid == 0) {  // the template is process-wide state: made in a child
    if (pyjudge::sandbox::precompile_seccomp()) {
      _exit(k_setup_failed);
    }
    // Every pid up to 300 (those of the policy's constants among them: AF_UNIX, the ioctl
    // and fcntl commands, signal numbers), a box's usual pids and the largest.
    std::vector<pid_t> pids{4096, 21505, 21523, 65535, 65536, 4194303, getpid()};
    for (pid_t p = 1; p <= 300; ++p) {
      pids.push_back(p);
    }
    int served = 0;
    for (pid_t self : pids) {
      std::vector<sock_filter> compiled;
      std::vector<sock_filter> patched;
      if (pyjudge::sandbox::seccomp_program(self, false, compiled)) {
        _exit(k_setup_failed);
      }
      if (pyjudge::sandbox::seccomp_program(self, true, patched)) {
        continue;  // a pid the template declines: that box compiles its own
      }
      ++served;
      if (compiled.size() != patched.size() ||
          std::memcmp(compiled.data(), patched.data(), compiled.size() * sizeof(sock_filter)) !=
              0) {
        _exit(k_paths_differ);
      }
    }
    _exit(served >= 290 ? 0 : k_setup_failed);  // pid 2, a box's usual pid, among them
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("seccomp: signals only to the box itself") {
  CHECK(under_policy([] { return errno_of(kill(getpid(), 0)); }) == 0);
  CHECK(under_policy([] { return errno_of(kill(getppid(), 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(kill(-1, 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(kill(0, 0)); }) == EPERM);  // own process group
  CHECK(under_policy([] { return errno_of(syscall(SYS_tkill, getppid(), 0)); }) == EPERM);
  CHECK(under_policy([] { return errno_of(syscall(SYS_tgkill, getppid(), getppid(), 0)); }) ==
        EPERM);
  CHECK(under_policy([] { return errno_of(raise(SIGUSR1) == 0 ? 0 : -1); }) == 128 + SIGUSR1);
}

TEST_CASE("seccomp: the SIGSYS recorder cannot be replaced, limits cannot be raised") {
  CHECK(under_policy([] {
          struct sigaction sa {};
          sa.sa_handler = SIG_IGN;
          return errno_of(sigaction(SIGSYS, &sa, nullptr));
        }) == EPERM);
  CHECK(under_policy([] {
          struct sigaction sa {};
          sa.sa_handler = SIG_IGN;
          return errno_of(sigaction(SIGUSR1, &sa, nullptr));  // other signals are fine
        }) == 0);
  CHECK(under_policy([] {  // the kernel truncates the signal number to 32 bits
          struct sigaction sa {};
          sa.sa_handler = SIG_IGN;
          return errno_of(syscall(SYS_rt_sigaction, SIGSYS | (1UL << 32), &sa, nullptr, 8));
        }) == EPERM);
  CHECK(under_policy([] {
          struct sigaction sa {};
          sa.sa_handler = SIG_IGN;
          return errno_of(syscall(SYS_rt_sigaction, SIGUSR1 | (1UL << 32), &sa, nullptr, 8));
        }) == EPERM);
  CHECK(under_policy([] {  // reading a handler changes nothing (Python's signal module does)
          struct sigaction old {};
          return errno_of(sigaction(SIGSYS, nullptr, &old));
        }) == 0);
  CHECK(under_policy([] {  // above and below SIGSYS, both ranges work
          struct sigaction sa {};
          sa.sa_handler = SIG_IGN;
          return errno_of(sigaction(SIGRTMIN + 1, &sa, nullptr)) +
                 errno_of(sigaction(SIGHUP, &sa, nullptr));
        }) == 0);
  CHECK(under_policy([] {
          rlimit rl{};
          return errno_of(prlimit(0, RLIMIT_NOFILE, nullptr, &rl));  // reading is fine
        }) == 0);
  CHECK(under_policy([] {
          rlimit rl{1, 1};
          return errno_of(prlimit(0, RLIMIT_NOFILE, &rl, nullptr));
        }) == EPERM);
}

TEST_CASE("seccomp: TIOCSTI is refused, also with high bits set") {
  CHECK(under_policy([] {
          char c = 'x';
          return errno_of(ioctl(0, TIOCSTI, &c));
        }) == EPERM);
  CHECK(under_policy([] {
          char c = 'x';
          return errno_of(syscall(SYS_ioctl, 0, 0x100000000UL | TIOCSTI, &c));
        }) == EPERM);
  CHECK(under_policy([] {
          termios t{};
          int fd = open("/dev/null", O_RDONLY);
          return errno_of(ioctl(fd, TCGETS, &t));  // allowed: /dev/null is not a tty
        }) == ENOTTY);
  CHECK(under_policy([] { return errno_of(fcntl(0, F_SETOWN, getppid())); }) == EPERM);
  CHECK(under_policy([] { return errno_of(fcntl(0, F_GETFD)); }) == 0);
}

TEST_CASE("seccomp: refused syscalls are recorded by name") {
  CHECK(under_policy([] {
          (void)pyjudge::sandbox::take_violations();
          (void)socket(AF_INET, SOCK_STREAM, 0);
          (void)fork();
          auto v = pyjudge::sandbox::take_violations();
          if (v.size() != 2) {
            return 1;
          }
          if (pyjudge::sandbox::syscall_name(v[0]) != "socket") {
            return 2;
          }
          return pyjudge::sandbox::take_violations().empty() ? 0 : 3;
        }) == 0);
}

#if defined(__x86_64__)
TEST_CASE("seccomp: a foreign architecture's syscalls kill the process") {
  // x32 ABI: the same syscall numbers with bit 30 set.
  CHECK(under_policy([] { return errno_of(syscall(0x40000000 | SYS_getpid)); }) == 128 + SIGSYS);
  // i386 ABI through int 0x80: getpid is 20 there.
  CHECK(under_policy([] {
          long rc = 0;
          asm volatile("int $0x80" : "=a"(rc) : "a"(20L) : "memory");
          return rc > 0 ? 0 : 1;
        }) == 128 + SIGSYS);
}
#endif
