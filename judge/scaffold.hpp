// `pyjudge new ID --kind KIND`: a challenge folder that validates as it is — a small but
// real problem of that kind with a reference, samples, hidden tests and a declared wrong
// solution — for an author to edit into their own.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "judge/expected.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

// Creates parent/ID. Refuses an ID that is not lower-case words joined by hyphens, and a
// folder that already exists (nothing is overwritten). Returns the folder.
Expected<std::filesystem::path> scaffold(const std::filesystem::path& parent, const std::string& id,
                                         ChallengeKind kind);

std::optional<ChallengeKind> kind_from_string(std::string_view s);

}  // namespace pyjudge::judge
