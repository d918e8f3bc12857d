// Never run candidate code as root: when the harness starts as root (a CI container, this
// VM), it becomes `nobody` before the box is sealed, so file permissions, RLIMIT_NPROC and
// kill() permission checks apply to it like to any unprivileged process.
#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

std::optional<std::string> drop_root(LayerStatus& status) {
  status.name = "identity";
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
