// Never run candidate code as root: when the harness starts as root (a CI container, this
// VM), it becomes `nobody` before the box is sealed, so file permissions, RLIMIT_NPROC and
// kill() permission checks apply to it like to any unprivileged process.
#include <grp.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

// Clears every capability set (effective, permitted, inheritable) of this thread.
bool drop_capabilities() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  return syscall(SYS_capset, &header, data) == 0;
}

}  // namespace

std::optional<std::string> drop_root(LayerStatus& status, bool in_user_namespace) {
  status.name = "identity";
  if (in_user_namespace) {
    // Root only of our own user namespace, which owns nothing of the host: shed its
    // capabilities too, so the mounts and namespaces just made cannot be undone.
    if (!drop_capabilities()) {
      return fmt::format("capset(none): {}", std::strerror(errno));
    }
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    status.active = true;
    status.detail = "root of its own user namespace only, with no capabilities";
    return std::nullopt;
  }
  if (geteuid() != 0) {
    status.active = true;
    status.detail = fmt::format("unprivileged (uid {})", geteuid());
    return std::nullopt;
  }
  if (setgroups(0, nullptr) != 0) {
    return fmt::format("setgroups(0): {}", std::strerror(errno));
  }
  if (setresgid(k_nobody, k_nobody, k_nobody) != 0) {
    return fmt::format("setresgid({}): {}", k_nobody, std::strerror(errno));
  }
  if (setresuid(k_nobody, k_nobody, k_nobody) != 0) {
    return fmt::format("setresuid({}): {}", k_nobody, std::strerror(errno));
  }
  if (geteuid() == 0 || getuid() == 0) {
    return "still root after setresuid";
  }
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);  // no ptrace or /proc/self/mem from other processes
  status.active = true;
  status.detail = fmt::format("root dropped to uid/gid {}", k_nobody);
  return std::nullopt;
}

}  // namespace pyjudge::sandbox
