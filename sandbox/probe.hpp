// What this host offers the sandbox, found by trying each feature in a throwaway child —
// never by reading sysctls alone (AppArmor, seccomp'd containers and old kernels let some
// calls succeed and then deny, or the reverse). Used by `pyjudge doctor`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pyjudge::sandbox {

struct Probe {
  std::string layer;
  bool available = false;
  std::string detail;
  bool required = false;  // part of the minimum: rlimits + seccomp + Landlock
};

std::vector<Probe> probe_host();

// The minimum every judgement needs (rlimits + seccomp + Landlock); the reason when not.
std::optional<std::string> probe_minimum();

// "6.18.44 (x86_64)"
std::string kernel_description();

}  // namespace pyjudge::sandbox
