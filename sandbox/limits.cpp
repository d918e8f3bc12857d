#include <sys/resource.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

std::optional<std::string> set_limit(int resource, const char* name, rlim_t soft, rlim_t hard) {
  rlimit rl{soft, hard};
  if (setrlimit(resource, &rl) != 0) {
    return fmt::format("setrlimit({}, {}, {}): {}", name, soft, hard, std::strerror(errno));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> apply_rlimits(const Policy& p) {
  // CPU: SIGXCPU at the soft limit, SIGKILL one second later if it is ignored.
  if (auto e = set_limit(RLIMIT_CPU, "RLIMIT_CPU", p.cpu_seconds, p.cpu_seconds + 1)) {
    return e;
  }
  // DATA rather than AS: address-space reservations (thread stacks' guard areas, the
  // allocator's arenas) would trip AS long before real memory use does.
  if (auto e = set_limit(RLIMIT_DATA, "RLIMIT_DATA", p.data_bytes, p.data_bytes)) {
    return e;
  }
  if (auto e = set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", p.file_bytes, p.file_bytes)) {
    return e;
  }
  if (auto e = set_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", p.open_files, p.open_files)) {
    return e;
  }
  // Counted per user and ignored for root: meaningful once the box runs as nobody. A
  // backstop for thread bombs; seccomp already refuses new processes. Not where the judge's
  // cgroup bounds the box's tasks: every box runs as nobody, and the count is the host's.
  if (p.processes != 0) {
    if (auto e = set_limit(RLIMIT_NPROC, "RLIMIT_NPROC", p.processes, p.processes)) {
      return e;
    }
  }
  return set_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, 0);
}

}  // namespace pyjudge::sandbox
