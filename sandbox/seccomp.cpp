// seccomp-bpf policy for candidate code, built with libseccomp.
//
// Deny by default: a syscall not named below traps (SIGSYS), the violation is recorded
// (violations.cpp) and the call fails with EPERM, so Python raises PermissionError and the
// judge can say which operation the sandbox refused (verdict SV). The allowed syscalls are
// grouped in named sets; every argument filter and every exception says why.
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

using Names = std::initializer_list<const char*>;

// What any running process needs: exit, its own ids, memory, futexes, time, randomness.
// Not sysinfo: the host's free memory, process count and load, which boxes running at the
// same time can move and read.
constexpr Names k_process_basics = {
    "exit",
    "exit_group",
    "getpid",
    "gettid",
    "getppid",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getgroups",
    "getresuid",
    "getresgid",
    "set_robust_list",
    "get_robust_list",
    "set_tid_address",
    "rseq",
    "restart_syscall",
    "sched_yield",
    "sched_getaffinity",
    "sched_getparam",
    "sched_getscheduler",
    "getpriority",
    "getrusage",
    "getrlimit",
    "times",
    "uname",
    "getrandom",
    "futex",
    "futex_waitv",
    "membarrier",
    "brk",
    "mmap",
    "munmap",
    "mremap",
    "mprotect",
    "madvise",
    "msync",
    "mlock",
    "munlock",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "nanosleep",
    "gettimeofday",
    "time",
    "arch_prctl",
    "sigaltstack",
};

// Descriptors the box already has or creates for itself. Which paths may be opened is
// Landlock's job (landlock.cpp); here only the operations.
constexpr Names k_files = {
    "read",
    "write",
    "readv",
    "writev",
    "pread64",
    "pwrite64",
    "preadv",
    "pwritev",
    "open",
    "openat",
    "openat2",
    "close",
    "close_range",
    "creat",
    "fstat",
    "newfstatat",
    "stat",
    "lstat",
    "statx",
    "lseek",
    "dup",
    "dup2",
    "dup3",
    "pipe",
    "pipe2",
    "getdents64",
    "getdents",
    "readlink",
    "readlinkat",
    "getcwd",
    "chdir",
    "fchdir",
    "access",
    "faccessat",
    "faccessat2",
    "fstatfs",
    "statfs",
    "fsync",
    "fdatasync",
    "ftruncate",
    "unlink",
    "unlinkat",
    "mkdir",
    "mkdirat",
    "rmdir",
    "rename",
    "renameat",
    "renameat2",
    "fchmod",
    "umask",
    "sendfile",
    "copy_file_range",
    "splice",
    "tee",
    "select",
    "pselect6",
    "poll",
    "ppoll",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_wait",
    "epoll_pwait",
    "epoll_pwait2",
    "eventfd",
    "eventfd2",
    "symlink",
    "symlinkat",
    "link",
    "linkat",
    "sync_file_range",
};

// Signals the box sends itself and handles (alarm, setitimer, signal.signal for anything
// but SIGSYS — see below).
constexpr Names k_own_signals = {
    "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigtimedwait", "rt_sigsuspend",
    "pause",          "alarm",        "setitimer",     "getitimer",
};

// Socket calls that only make sense on a socketpair the box made itself (asyncio's
// self-pipe); creating any other socket is refused, so these reach nothing outside.
constexpr Names k_local_sockets = {
    "sendmsg",    "recvmsg",     "sendto",      "recvfrom", "shutdown", "getsockopt",
    "setsockopt", "getsockname", "getpeername", "sendmmsg", "recvmmsg",
};

struct Context {
  scmp_filter_ctx ctx;
  std::vector<uint32_t> constants;  // both 32-bit halves of every value the first argument
                                    // is compared with (where the pid is compared)
  explicit Context(uint32_t def) : ctx(seccomp_init(def)) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context() {
    if (ctx != nullptr) {
      seccomp_release(ctx);
    }
  }
};

int add(Context& c, uint32_t action, const char* name,
        std::initializer_list<scmp_arg_cmp> args = {}) {
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) {
    return 0;  // not a syscall on this architecture (e.g. `open` on aarch64)
  }
  for (const scmp_arg_cmp& a : args) {
    if (a.arg != 0) {
      continue;  // compares of other arguments load another word: never shared with the pid's
    }
    for (uint64_t v : {a.datum_a, a.datum_b}) {
      c.constants.push_back(static_cast<uint32_t>(v));
      c.constants.push_back(static_cast<uint32_t>(v >> 32));
    }
  }
  return seccomp_rule_add_array(c.ctx, action, nr, static_cast<unsigned>(args.size()),
                                args.size() ? std::data(args) : nullptr);
}

std::optional<std::string> add_all(Context& c, Names names) {
  for (const char* n : names) {
    if (int rc = add(c, SCMP_ACT_ALLOW, n); rc != 0) {
      return fmt::format("seccomp_rule_add({}): {}", n, std::strerror(-rc));
    }
  }
  return std::nullopt;
}

std::optional<std::string> add_filtered_rules(Context& c, pid_t self) {
  struct Rule {
    uint32_t action;
    const char* name;
    std::initializer_list<scmp_arg_cmp> args;
    const char* why;
  };
  // Thread creation: clone must carry CLONE_THREAD|CLONE_VM|CLONE_SIGHAND and no namespace
  // flag. fork() and vfork() (clone without these flags) fall to the default: refused.
  constexpr uint64_t k_thread = CLONE_THREAD | CLONE_VM | CLONE_SIGHAND;
  constexpr uint64_t k_thread_mask = k_thread | CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID |
                                     CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
  const Rule rules[] = {
      {SCMP_ACT_ALLOW,
       "clone",
       {SCMP_A0(SCMP_CMP_MASKED_EQ, k_thread_mask, k_thread)},
       "threads only"},
      // clone3 passes its flags in memory, which BPF cannot read: ENOSYS makes glibc fall
      // back to clone, which is checked above. Not a violation.
      {SCMP_ACT_ERRNO(ENOSYS), "clone3", {}, "glibc falls back to clone"},
      // Signals: only to the box's own process (threads included via tgkill).
      {SCMP_ACT_ALLOW, "kill", {SCMP_A0(SCMP_CMP_EQ, static_cast<uint64_t>(self))}, "self only"},
      {SCMP_ACT_ALLOW, "tgkill", {SCMP_A0(SCMP_CMP_EQ, static_cast<uint64_t>(self))}, "self only"},

      // Reading limits is fine; raising them is not (new_limit must be NULL).
      {SCMP_ACT_ALLOW, "prlimit64", {SCMP_A2(SCMP_CMP_EQ, 0)}, "get only"},
      // Landlock does not govern metadata (nor truncate(path) below ABI 3): changing modes,
      // times or sizes by path could reach the
      // user's own files (the box shares their uid inside a user namespace). Only the
      // descriptor form of a mode change is allowed (fchmod, in the file set). Times not
      // even so: the box may write /dev/null, and futimens on it sets the host's device
      // node's times, which every other box can stat (a channel between candidates).
      // Not with flags: RWF_NOWAIT reads a file only if its pages are cached, which tells a box
      // what another box just read (a channel between candidates, as mincore, fadvise64 and
      // file locks on the shared runtime files would be; those are refused).
      {SCMP_ACT_ALLOW, "preadv2", {SCMP_A5(SCMP_CMP_EQ, 0)}, "no flags"},
      {SCMP_ACT_ALLOW, "pwritev2", {SCMP_A5(SCMP_CMP_EQ, 0)}, "no flags"},
      // asyncio's self-pipe: a socketpair in the box's own memory; no socket() at all.
      {SCMP_ACT_ALLOW, "socketpair", {SCMP_A0(SCMP_CMP_EQ, AF_UNIX)}, "AF_UNIX only"},
  };
  for (const Rule& r : rules) {
    if (int rc = add(c, r.action, r.name, r.args); rc != 0) {
      return fmt::format("seccomp_rule_add({}, {}): {}", r.name, r.why, std::strerror(-rc));
    }
  }
  // ioctl: only the terminal queries isatty() and friends make, compared as 32 bits (the
  // kernel truncates the command, so high bits must not smuggle TIOCSTI past a 64-bit
  // compare). TIOCSTI (push input into a terminal) is not among them.
  for (unsigned long cmd : {TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX}) {
    if (int rc = add(c, SCMP_ACT_ALLOW, "ioctl",
                     {SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffULL, static_cast<uint64_t>(cmd))});
        rc != 0) {
      return fmt::format("seccomp_rule_add(ioctl {:#x}): {}", cmd, std::strerror(-rc));
    }
  }
  // rt_sigaction: any signal but SIGSYS, whose handler records violations. Compares on the
  // full 64-bit argument, which the kernel reads as an int: SIGSYS | 1 << 32 must not pass
  // as "not SIGSYS" (a NE compare would let it through), and it matches none of these:
  // 1-30 (below SIGSYS), 32-63 (the masked compare leaves no room for high bits), 64.
  static_assert(SIGSYS == 31);
  const std::initializer_list<scmp_arg_cmp> signal_ranges[] = {
      {SCMP_A0(SCMP_CMP_LT, 31)},
      {SCMP_A0(SCMP_CMP_MASKED_EQ, ~uint64_t{0x1f}, 32)},
      {SCMP_A0(SCMP_CMP_EQ, 64)},
  };
  for (const auto& range : signal_ranges) {
    if (int rc = add(c, SCMP_ACT_ALLOW, "rt_sigaction", range); rc != 0) {
      return fmt::format("seccomp_rule_add(rt_sigaction): {}", std::strerror(-rc));
    }
  }
  // Reading any handler (act == NULL) changes nothing: Python's signal module, which asyncio
  // imports, reads every signal's handler once, SIGSYS's included.
  if (int rc = add(c, SCMP_ACT_ALLOW, "rt_sigaction", {SCMP_A1(SCMP_CMP_EQ, 0)}); rc != 0) {
    return fmt::format("seccomp_rule_add(rt_sigaction query): {}", std::strerror(-rc));
  }
  // fcntl: descriptor flags, status flags, duplication. Not F_SETOWN/F_SETSIG (SIGIO to
  // another process), F_SETLEASE, F_NOTIFY or locks (a lock on a runtime file every box can
  // read is seen by the others: a channel between candidates).
  for (int cmd : {F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETPIPE_SZ}) {
    if (int rc =
            add(c, SCMP_ACT_ALLOW, "fcntl", {SCMP_A1(SCMP_CMP_EQ, static_cast<uint64_t>(cmd))});
        rc != 0) {
      return fmt::format("seccomp_rule_add(fcntl {}): {}", cmd, std::strerror(-rc));
    }
  }
  return std::nullopt;
}

// The policy for a process whose pid is `self` (the kill/tgkill rules name it).
std::optional<std::string> build(Context& c, pid_t self) {
  // Default: trap. Everything else — fork, vfork, execve, socket, ptrace, process_vm_*,
  // io_uring_*, bpf, perf_event_open, keyctl, mount, umount2, pivot_root, chroot, unshare,
  // setns, personality, set*id, tkill, pidfd_*, memfd_create, userfaultfd, … — is refused.
  if (c.ctx == nullptr) {
    return "seccomp_init failed";
  }
  // Another architecture's syscall table (x32, i386 on x86_64) could bypass the names
  // above: such calls kill the process.
  seccomp_attr_set(c.ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  seccomp_attr_set(c.ctx, SCMP_FLTATR_CTL_NNP, 1);  // no_new_privs
  for (Names set : {k_process_basics, k_files, k_own_signals, k_local_sockets}) {
    if (auto e = add_all(c, set)) {
      return e;
    }
  }
  return add_filtered_rules(c, self);
}

// The compiled policy as libseccomp would load it.
std::optional<std::string> export_program(pid_t self, std::vector<sock_filter>& program,
                                          std::vector<uint32_t>* constants = nullptr) {
  Context c(SCMP_ACT_TRAP);
  if (auto e = build(c, self)) {
    return e;
  }
  if (constants != nullptr) {
    *constants = c.constants;
  }
  // libseccomp 2.5 exports to a descriptor only: a memory file, read back.
  int fd = memfd_create("pyjudge-seccomp", MFD_CLOEXEC);
  if (fd < 0) {
    return fmt::format("memfd_create: {}", std::strerror(errno));
  }
  std::string bytes;
  if (int rc = seccomp_export_bpf(c.ctx, fd); rc != 0) {
    close(fd);
    return fmt::format("seccomp_export_bpf: {}", std::strerror(-rc));
  }
  char buf[4096];
  ssize_t n = 0;
  while ((n = pread(fd, buf, sizeof buf, static_cast<off_t>(bytes.size()))) > 0) {
    bytes.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  if (bytes.empty() || bytes.size() % sizeof(sock_filter) != 0) {
    return "seccomp_export_bpf: an empty or truncated program";
  }
  program.resize(bytes.size() / sizeof(sock_filter));
  std::memcpy(program.data(), bytes.data(), bytes.size());
  return std::nullopt;
}

// The policy compiled ahead of time (precompile_seccomp) for a pid no process can have, and
// where that pid sits in it: the low-word compare of the kill and tgkill rules (libseccomp
// shares one between them). Nothing else in the program depends on the pid (the high word
// of a pid is always 0), so a box's program is a copy with its own pid written there —
// unless the pid equals another value the first argument is compared with (pid 1 is
// AF_UNIX for socketpair, 31, 32 and 64 are signal numbers for rt_sigaction):
// libseccomp may then share that compare, and such a box compiles its own. The unit tests
// check that every copy made equals libseccomp's own program for the pid.
constexpr uint32_t k_template_pid = 0x7a5e1d01;  // above PID_MAX_LIMIT (2^22)
struct Template {
  std::vector<sock_filter> program;
  std::vector<size_t> pid_slots;
  std::vector<uint32_t> constants;  // the policy's other argument values
  [[nodiscard]] bool serves(pid_t self) const {
    return !program.empty() && std::find(constants.begin(), constants.end(),
                                         static_cast<uint32_t>(self)) == constants.end();
  }
};
Template& precompiled() {
  static Template t;
  return t;
}

std::vector<sock_filter> from_template(const Template& t, pid_t self) {
  std::vector<sock_filter> program = t.program;
  for (size_t i : t.pid_slots) {
    program[i].k = static_cast<uint32_t>(self);
  }
  return program;
}

}  // namespace

std::optional<std::string> precompile_seccomp() {
  std::vector<sock_filter> program;
  Template t;
  if (auto e = export_program(static_cast<pid_t>(k_template_pid), program, &t.constants)) {
    return e;
  }
  for (size_t i = 0; i < program.size(); ++i) {
    const sock_filter& ins = program[i];
    if (BPF_CLASS(ins.code) == BPF_JMP && ins.k == k_template_pid) {
      t.pid_slots.push_back(i);
    } else if (ins.k == k_template_pid) {
      return "the seccomp program uses the pid in an unexpected instruction";
    }
  }
  if (t.pid_slots.empty()) {
    return "the seccomp program does not compare the pid";
  }
  t.program = std::move(program);
  precompiled() = std::move(t);
  return std::nullopt;
}

std::optional<std::string> seccomp_program(pid_t self, bool use_template,
                                           std::vector<sock_filter>& program) {
  if (!use_template) {
    return export_program(self, program);
  }
  if (precompiled().program.empty()) {
    return "nothing precompiled";
  }
  if (!precompiled().serves(self)) {
    return "the pid is a constant of the policy: compiled per box";
  }
  program = from_template(precompiled(), self);
  return std::nullopt;
}

std::optional<std::string> apply_seccomp() {
  // From the zygote's template when it serves this pid, else compiled here: the same
  // program either way, loaded the way seccomp_load does (no_new_privs, the filter, no
  // flags).
  const pid_t self = getpid();
  std::vector<sock_filter> program;
  if (auto e = seccomp_program(self, precompiled().serves(self), program)) {
    return e;
  }
  sock_fprog prog{static_cast<unsigned short>(program.size()), program.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return fmt::format("prctl(PR_SET_NO_NEW_PRIVS): {}", std::strerror(errno));
  }
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
    return fmt::format("seccomp(SECCOMP_SET_MODE_FILTER): {}", std::strerror(errno));
  }
  return std::nullopt;
}

std::string syscall_name(int nr) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  if (name == nullptr) {
    return fmt::format("syscall {}", nr);
  }
  std::string out(name);
  free(name);  // NOLINT: allocated by libseccomp
  return out;
}

bool is_syscall_name(const std::string& name) {
  return seccomp_syscall_resolve_name(name.c_str()) != __NR_SCMP_ERROR;
}

}  // namespace pyjudge::sandbox
