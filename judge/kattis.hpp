// Kattis / ICPC problem packages, judged as `program` challenges:
//   problem.yaml          name, validation (default only), validator_flags, limits
//   .timelimit            seconds (problemtools' legacy form; wins over problem.yaml)
//   data/sample/*.in|.ans samples; data/secret/**/*.in|.ans hidden tests, in path order
//   submissions/accepted/*.py        the first is the reference
//   submissions/{wrong_answer,time_limit_exceeded,run_time_error}/*.py → `wrong` (WA/TLE/RE)
// Default output validator flags: case_sensitive, space_change_sensitive, float_tolerance,
// float_absolute_tolerance, float_relative_tolerance.
#pragma once

#include <filesystem>

#include "judge/expected.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

Expected<Challenge> load_kattis(const std::filesystem::path& dir);

}  // namespace pyjudge::judge
