#include "sandbox/probe.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "sandbox/cgroup.hpp"
#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

// Runs body in a forked child; returns 0 on success or the errno it reported.
int in_child(const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid < 0) {
    return errno;
  }
  if (pid == 0) {
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    return 1000 + WTERMSIG(status);
  }
  return WEXITSTATUS(status);
}

std::string why(int code) {
  if (code >= 1000) {
    return fmt::format("the probe was killed by signal {}", code - 1000);
  }
  return code == 0 ? "" : std::strerror(code);
}

Probe probe_seccomp() {
  int rc = in_child([] {
    if (install_violation_handler() || apply_seccomp()) {
      return EPERM;
    }
    return fork() < 0 && errno == EPERM ? 0 : EINVAL;  // the filter must actually refuse
  });
  return {"seccomp", rc == 0,
          rc == 0 ? "filter loaded in a probe child; fork() refused as it should be"
                  : "cannot load the filter: " + why(rc),
          true};
}

Probe probe_rlimits() {
  int rc = in_child([] {
    rlimit rl{0, 0};
    return setrlimit(RLIMIT_CORE, &rl) == 0 ? 0 : errno;
  });
  return {"rlimits", rc == 0, rc == 0 ? "CPU, data, file size, files, processes, core" : why(rc),
          true};
}

Probe probe_landlock() {
  int abi = landlock_abi();
  if (abi <= 0) {
    return {"landlock", false, "not available on this kernel (or disabled at boot: lsm=)", true};
  }
  return {"landlock", true,
          fmt::format("ABI {}: filesystem{}{}", abi,
                      abi >= 4 ? ", TCP bind/connect" : " (no TCP rules: ABI < 4)",
                      abi >= 6 ? ", signal and abstract-socket scoping" : ""),
          true};
}

Probe probe_identity() {
  if (geteuid() != 0) {
    return {"identity", true, fmt::format("unprivileged already (uid {})", geteuid()), false};
  }
  int rc = in_child([] {
    LayerStatus s;
    return drop_root(s, false) ? EPERM : 0;
  });
  return {"identity", rc == 0,
          rc == 0 ? fmt::format("running as root: the box drops to uid/gid {}", k_nobody)
                  : "cannot drop root: " + why(rc),
          false};
}

// Uses the namespaces: a user namespace (when not root), then pid, net, ipc, uts and mount
// with a tmpfs, inside a grandchild that is pid 1 of its namespace.
Probe probe_namespaces() {
  int rc = in_child([] {
    int flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS;
    if (geteuid() != 0) {
      flags |= CLONE_NEWUSER;
    }
    if (unshare(flags) != 0) {
      return errno;
    }
    pid_t pid = fork();
    if (pid < 0) {
      return errno;
    }
    if (pid == 0) {
      if (getpid() != 1) {
        _exit(ESRCH);
      }
      if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
          mount("pyjudge-probe", "/tmp", "tmpfs", 0, "size=1m") != 0) {
        _exit(errno);
      }
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : EINTR;
  });
  return {"namespaces", rc == 0,
          rc == 0 ? fmt::format("{}pid, net, ipc, uts and mount (tmpfs) namespaces work",
                                geteuid() != 0 ? "user, " : "")
                  : "unavailable: " + why(rc) +
                        (geteuid() != 0 ? " (unprivileged user namespaces may be restricted, "
                                          "e.g. by AppArmor or kernel.unprivileged_userns_clone)"
                                        : ""),
          false};
}

// Creates (and removes) a cgroup exactly as `submit` would, so doctor reports what a
// submission will actually get.
Probe probe_cgroups() {
  std::string why_not;
  CgroupLimits limits;
  limits.memory_bytes = 64 << 20;
  std::unique_ptr<Cgroup> cg = Cgroup::create(limits, why_not);
  if (!cg) {
    return {"cgroups", false, why_not, false};
  }
  return {"cgroups", true,
          fmt::format("cgroup v{}: a memory limit without swap, a task limit, CPU accounting "
                      "and a kill for each box",
                      cg->version()),
          false};
}

}  // namespace

std::vector<Probe> probe_host() {
  return {probe_rlimits(),  probe_seccomp(),    probe_landlock(),
          probe_identity(), probe_namespaces(), probe_cgroups()};
}

std::optional<std::string> probe_minimum() {
  for (const Probe& p : {probe_rlimits(), probe_seccomp(), probe_landlock()}) {
    if (!p.available) {
      return p.layer + ": " + p.detail;
    }
  }
  return std::nullopt;
}

std::string kernel_description() {
  utsname u{};
  if (uname(&u) != 0) {
    return "unknown";
  }
  return fmt::format("Linux {} ({})", u.release, u.machine);
}

}  // namespace pyjudge::sandbox
