// Landlock: the box may read the Python runtime and read/write its scratch folder, nothing
// else; no TCP bind/connect (ABI ≥ 4); no signals or abstract unix sockets beyond its own
// domain (ABI ≥ 6). The ABI is detected at run time and rights the kernel does not know are
// left out; a kernel without Landlock leaves the layer inactive (seccomp still holds).
//
// Debian 12's <linux/landlock.h> predates ABI 4, so the structures are defined here.
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "sandbox/sandbox.hpp"
#include "sandbox/unique_fd.hpp"

namespace pyjudge::sandbox {

namespace {

struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;  // ABI 4
  uint64_t scoped;              // ABI 6
};

struct __attribute__((packed)) PathBeneathAttr {
  uint64_t allowed_access;
  int32_t parent_fd;
};

constexpr long k_sys_create_ruleset = 444;
constexpr long k_sys_add_rule = 445;
constexpr long k_sys_restrict_self = 446;
constexpr uint32_t k_create_ruleset_version = 1u << 0;
constexpr int k_rule_path_beneath = 1;

// Filesystem rights by the ABI that introduced them.
constexpr uint64_t k_fs_execute = 1ull << 0;
constexpr uint64_t k_fs_write_file = 1ull << 1;
constexpr uint64_t k_fs_read_file = 1ull << 2;
constexpr uint64_t k_fs_read_dir = 1ull << 3;
constexpr uint64_t k_fs_abi1 = (1ull << 13) - 1;  // execute … make_sym
constexpr uint64_t k_fs_refer = 1ull << 13;       // ABI 2
constexpr uint64_t k_fs_truncate = 1ull << 14;    // ABI 3
constexpr uint64_t k_fs_ioctl_dev = 1ull << 15;   // ABI 5
constexpr uint64_t k_net_bind_tcp = 1ull << 0;    // ABI 4
constexpr uint64_t k_net_connect_tcp = 1ull << 1;
constexpr uint64_t k_scope_abstract_unix = 1ull << 0;  // ABI 6
constexpr uint64_t k_scope_signal = 1ull << 1;

uint64_t fs_rights(int abi) {
  uint64_t r = k_fs_abi1;
  if (abi >= 2)
    r |= k_fs_refer;
  if (abi >= 3)
    r |= k_fs_truncate;
  if (abi >= 5)
    r |= k_fs_ioctl_dev;
  return r;
}

std::optional<std::string> allow(int ruleset, const std::string& path, uint64_t rights) {
  UniqueFd fd(open(path.c_str(), O_PATH | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      return std::nullopt;  // nothing there to allow
    }
    return fmt::format("open({}, O_PATH): {}", path, std::strerror(errno));
  }
  struct stat st {};
  if (fstat(fd.get(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    // Rights that only apply to directories are invalid on a file.
    rights &= k_fs_execute | k_fs_write_file | k_fs_read_file | k_fs_truncate | k_fs_ioctl_dev;
  }
  PathBeneathAttr attr{rights, fd.get()};
  if (syscall(k_sys_add_rule, ruleset, k_rule_path_beneath, &attr, 0) != 0) {
    return fmt::format("landlock_add_rule({}): {}", path, std::strerror(errno));
  }
  return std::nullopt;
}

}  // namespace

int landlock_abi() {
  long abi = syscall(k_sys_create_ruleset, nullptr, 0, k_create_ruleset_version);
  return abi < 0 ? 0 : static_cast<int>(abi);
}

std::optional<std::string> apply_landlock(const Policy& p, LayerStatus& status) {
  int abi = landlock_abi();
  status.name = "landlock";
  if (abi <= 0) {
    // Part of the minimum: without it the box could open any file its uid may read,
    // including the challenge's expected values (I1).
    return fmt::format(
        "Landlock is not available on this kernel ({}), and without it the box "
        "could read files outside the Python runtime, expected values included",
        std::strerror(errno));
  }
  RulesetAttr attr{fs_rights(abi), 0, 0};
  size_t size = sizeof(uint64_t);
  if (abi >= 4) {
    attr.handled_access_net = k_net_bind_tcp | k_net_connect_tcp;  // no rule: all denied
    size = 2 * sizeof(uint64_t);
  }
  if (abi >= 6) {
    attr.scoped = k_scope_abstract_unix | k_scope_signal;
    size = sizeof attr;
  }
  UniqueFd ruleset(static_cast<int>(syscall(k_sys_create_ruleset, &attr, size, 0)));
  if (ruleset.get() < 0) {
    return fmt::format("landlock_create_ruleset(ABI {}): {}", abi, std::strerror(errno));
  }
  uint64_t read_only = k_fs_read_file | k_fs_read_dir | k_fs_execute;
  for (const std::string& path : p.read_only_paths) {
    if (auto e = allow(ruleset.get(), path, read_only)) {
      return e;
    }
  }
  for (const std::string& path : p.read_write_paths) {
    if (auto e = allow(ruleset.get(), path, fs_rights(abi))) {
      return e;
    }
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return fmt::format("prctl(PR_SET_NO_NEW_PRIVS): {}", std::strerror(errno));
  }
  if (syscall(k_sys_restrict_self, ruleset.get(), 0) != 0) {
    return fmt::format("landlock_restrict_self: {}", std::strerror(errno));
  }
  status.active = true;
  status.detail = fmt::format("ABI {}: filesystem{}{}", abi, abi >= 4 ? ", TCP bind/connect" : "",
                              abi >= 6 ? ", signal and abstract-socket scoping" : "");
  return std::nullopt;
}

}  // namespace pyjudge::sandbox
