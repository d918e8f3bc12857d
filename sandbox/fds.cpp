#include <dirent.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

// close_range(2) over [first, last]; falls back to closing one by one on old kernels.
std::optional<std::string> close_span(unsigned first, unsigned last) {
  if (first > last) {
    return std::nullopt;
  }
  if (syscall(SYS_close_range, first, last, 0) == 0) {
    return std::nullopt;
  }
  if (errno != ENOSYS) {
    return fmt::format("close_range({}, {}): {}", first, last, std::strerror(errno));
  }
  long max_fd = sysconf(_SC_OPEN_MAX);
  unsigned end =
      std::min<unsigned long>(last, max_fd > 0 ? static_cast<unsigned long>(max_fd) : 65536);
  for (unsigned fd = first; fd <= end; ++fd) {
    close(static_cast<int>(fd));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> close_other_fds(const std::vector<int>& keep_in) {
  std::vector<int> keep = keep_in;
  std::sort(keep.begin(), keep.end());
  unsigned next = 3;
  for (int fd : keep) {
    if (fd < 3) {
      continue;
    }
    if (auto e = close_span(next, static_cast<unsigned>(fd) - 1)) {
      return e;
    }
    next = static_cast<unsigned>(fd) + 1;
  }
  return close_span(next, ~0U);
}

std::optional<std::string> null_stdin() {
  int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return fmt::format("open(/dev/null): {}", std::strerror(errno));
  }
  if (fd != 0) {
    if (dup2(fd, 0) < 0) {
      int err = errno;
      close(fd);
      return fmt::format("dup2({}, 0): {}", fd, std::strerror(err));
    }
    close(fd);
  }
  return std::nullopt;
}

}  // namespace pyjudge::sandbox
