#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

std::optional<std::string> enter(const Policy& policy) {
  // Order matters: descriptors first (nothing inherited may leak into later steps), then
  // limits last so that the steps before them cannot trip a limit.
  if (auto e = null_stdin()) {
    return e;
  }
  if (auto e = close_other_fds(policy.keep_fds)) {
    return e;
  }
  return apply_rlimits(policy);
}

}  // namespace pyjudge::sandbox
