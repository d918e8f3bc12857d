#include "sandbox/sandbox.hpp"

#include <time.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>

namespace pyjudge::sandbox {

namespace {

uint64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

std::optional<std::string> enter(const Policy& policy, std::vector<LayerStatus>& layers) {
  // Each layer's cost runs from the end of the previous one.
  uint64_t mark = now_ns();
  auto lap = [&mark] {
    uint64_t now = now_ns();
    uint64_t d = now - mark;
    mark = now;
    return d;
  };
  auto done = [&layers, &lap](std::string name, std::string detail) {
    layers.push_back({std::move(name), true, std::move(detail), lap()});
  };
  auto record = [&layers, &lap](LayerStatus status) {
    status.setup_ns = lap();
    layers.push_back(std::move(status));
  };
  if (auto e = null_stdin()) {
    return e;
  }
  if (auto e = close_other_fds(policy.keep_fds)) {
    return e;
  }
  done("descriptors", "stdin /dev/null, only stdio and the result pipe open");
  bool in_user_namespace = false;
  LayerStatus namespaces;
  if (auto e = apply_namespaces(policy, namespaces, in_user_namespace)) {
    return e;
  }
  record(namespaces);
  if (!policy.scratch_dir.empty() && chdir(policy.scratch_dir.c_str()) != 0) {
    return fmt::format("chdir({}): {}", policy.scratch_dir, std::strerror(errno));
  }
  if (auto e = install_violation_handler()) {
    return e;
  }
  // Even with --unsafe-no-sandbox, candidate code never runs as root.
  LayerStatus identity;
  if (auto e = drop_root(identity, in_user_namespace)) {
    return e;
  }
  record(identity);
  if (auto e = apply_rlimits(policy)) {
    return e;
  }
  done("rlimits",
       fmt::format("CPU {} s, data {} MiB, file {} KiB, {} files, {}, no core", policy.cpu_seconds,
                   policy.data_bytes >> 20, policy.file_bytes >> 10, policy.open_files,
                   policy.processes == 0 ? std::string("tasks bounded by the cgroup")
                                         : fmt::format("{} processes", policy.processes)));
  if (policy.unsafe) {
    layers.push_back({"seccomp", false, "off: --unsafe-no-sandbox"});
    layers.push_back({"landlock", false, "off: --unsafe-no-sandbox"});
    return std::nullopt;
  }
  LayerStatus landlock;
  if (auto e = apply_landlock(policy, landlock)) {
    return "Landlock (part of the minimum sandbox): " + *e;
  }
  record(landlock);
  if (auto e = apply_seccomp()) {
    return "seccomp (part of the minimum sandbox): " + *e;
  }
  done("seccomp", "deny by default: no processes, programs, sockets, tracing or foreign signals");
  return std::nullopt;
}

}  // namespace pyjudge::sandbox
