// Namespaces for the box: network (no interfaces but a down loopback), IPC, UTS, and mount — with a
// private, size-capped tmpfs over the scratch folder, so what the box writes is bounded and never
// reaches the host's disk. When not root, a user namespace comes first (mapping only our own uid)
// to allow the rest.
//
// And a pid namespace, whose first process the box becomes (pid_namespace.cpp).
//
// The host may forbid this (unprivileged user namespaces off, AppArmor): the layer is
// then inactive with the reason, and the box still has rlimits, Landlock and seccomp.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <vector>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

int g_worker_namespaces = 0;  // set in a zygote: every child starts inside these

bool write_file(const char* path, const std::string& text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

}  // namespace

namespace {

void on_child(int) {}

// pid 1 of a worker's pid namespace: reaps whatever is left to it, until its zygote dies.
[[noreturn]] void worker_init() {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  syscall(SYS_close_range, 0u, ~0u, 0u);
  struct sigaction sa {};
  sa.sa_handler = on_child;  // pid 1 ignores signals it has no handler for
  sigaction(SIGCHLD, &sa, nullptr);
  while (true) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    pause();
  }
}

}  // namespace

std::optional<std::string> enter_worker_namespaces() {
  if (geteuid() != 0) {
    return "not root";  // a user namespace would have to come first, per job
  }
  constexpr int k_shared = CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS;
  if (unshare(k_shared) != 0) {
    return fmt::format("unshare: {}", std::strerror(errno));
  }
  g_worker_namespaces = k_shared;
  // And one pid namespace, whose init is forked once here: every job is forked into it and
  // is the box itself (never pid 1), instead of forking an init and a box of its own.
  int own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
  if (own < 0) {
    return std::nullopt;  // each job makes its own pid namespace
  }
  if (unshare(CLONE_NEWPID) != 0) {
    close(own);
    return std::nullopt;
  }
  pid_t init = fork();
  if (init == 0) {
    worker_init();
  }
  if (init < 0) {
    (void)setns(own, CLONE_NEWPID);  // back to forking into our own namespace
    close(own);
    return std::nullopt;
  }
  close(own);
  g_worker_namespaces |= CLONE_NEWPID;
  return std::nullopt;
}

std::optional<std::string> apply_namespaces(const Policy& p, LayerStatus& status,
                                            bool& in_user_namespace) {
  status.name = "namespaces";
  in_user_namespace = false;
  uid_t uid = geteuid();
  gid_t gid = getegid();
  int flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS;
  // Already inside the worker's own network, IPC and UTS namespaces: nothing a box can do
  // there outlives it, since seccomp refuses sockets and SysV/POSIX IPC and identity has
  // dropped the right to set a hostname. Without seccomp (--unsafe-no-sandbox), fresh ones.
  bool shared = g_worker_namespaces != 0 && !p.unsafe;
  if (shared) {
    flags &= ~g_worker_namespaces;
  }
  // The worker's pid namespace always: inside it, /proc shows the host's pids, which a
  // nested namespace's fork_pid_namespace() could not match with its init.
  flags &= ~(g_worker_namespaces & CLONE_NEWPID);
  if (uid != 0) {
    flags |= CLONE_NEWUSER;
  }
  if (unshare(flags) != 0) {
    status.active = false;
    status.detail = fmt::format("unavailable here (unshare: {}); the other layers still hold",
                                std::strerror(errno));
    return std::nullopt;
  }
  if (uid != 0) {
    // Map only ourselves, as root of the new namespace: capabilities there, none outside.
    if (!write_file("/proc/self/setgroups", "deny") ||
        !write_file("/proc/self/uid_map", fmt::format("0 {} 1", uid)) ||
        !write_file("/proc/self/gid_map", fmt::format("0 {} 1", gid))) {
      return fmt::format("writing the user namespace's id maps: {}", std::strerror(errno));
    }
    in_user_namespace = true;
  }
  // The pid namespace takes effect for the next child: fork an init and the box. Only the
  // box returns from here. In the worker's pid namespace this process is the box already.
  if ((flags & CLONE_NEWPID) != 0) {
    if (auto e = fork_pid_namespace(p)) {
      return e;
    }
  }
  // Nothing mounted from here on propagates back to the host.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return fmt::format("mount(/, MS_REC|MS_PRIVATE): {}", std::strerror(errno));
  }
  std::string tmpfs_note;
  if (!p.scratch_dir.empty()) {
    uid_t owner = in_user_namespace ? 0 : k_nobody;
    std::string options = fmt::format("size={}k,nr_inodes={},mode=0700,uid={},gid={}",
                                      p.scratch_bytes >> 10, p.scratch_inodes, owner, owner);
    if (mount("pyjudge-box", p.scratch_dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
              options.c_str()) != 0) {
      return fmt::format("mount(tmpfs on {}): {}", p.scratch_dir, std::strerror(errno));
    }
    tmpfs_note = fmt::format(", scratch folder a private {} MiB tmpfs", p.scratch_bytes >> 20);
  }
  // The runtime the box reads, seen without access times: a file's first read in a day sets
  // its atime on the host's disk, which every later box can stat (a channel between
  // candidates). Best effort: in a user namespace the atime flags of a mount are locked.
  // In a user namespace the remount is refused (EPERM): not even tried there.
  bool noatime = !p.read_only_paths.empty() && !in_user_namespace;
  for (const std::string& path :
       in_user_namespace ? std::vector<std::string>{} : p.read_only_paths) {
    if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0 ||
        mount(nullptr, path.c_str(), nullptr,
              MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOATIME | MS_NOSUID | MS_NODEV, nullptr) != 0) {
      noatime = false;
    }
  }
  if (noatime) {
    tmpfs_note += ", the runtime read-only without access times";
  }
  // A /proc of the box's own pid namespace: the host's showed the box its host pid
  // (`readlink /proc/self`), and the host's pid counter moves with every task anyone starts
  // (the box before it included). Best effort, like the mounts above.
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") == 0) {
    tmpfs_note += ", its own /proc";
  }
  // As root, a worker's boxes share its pid namespace, whose pids are given in turn: the
  // zygote gives each box a random pid (clone3's set_tid) and the box moves the counter its
  // own threads' ids come from to a random place, so that neither tells how many threads
  // the box before it started.
  if (shared && !in_user_namespace) {
    uint32_t r = 0;
    int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
    if (fd >= 0 && getrandom(&r, sizeof r, 0) == static_cast<ssize_t>(sizeof r)) {
      std::string last = std::to_string(1000 + r % 20000);
      (void)!write(fd, last.data(), last.size());
    }
    if (fd >= 0) {
      close(fd);
    }
  }
  status.active = true;
  status.detail = fmt::format("{}pid, network (no interfaces), ipc, uts{}, mount{}",
                              in_user_namespace ? "user, " : "",
                              shared ? " (made once per worker)" : "", tmpfs_note);
  return std::nullopt;
}

}  // namespace pyjudge::sandbox
