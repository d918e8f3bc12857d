// The `pyjudge` command line. run_cli() is main() minus the process: tests call it directly.
#pragma once

#include <ostream>

namespace pyjudge::judge {

// Exit statuses, the same for every command.
inline constexpr int k_exit_accepted = 0;  // every test AC
inline constexpr int k_exit_rejected = 1;  // some test not AC
inline constexpr int k_exit_usage = 2;     // bad command line, spec or file
inline constexpr int k_exit_internal = 3;  // the judge failed (IE)

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace pyjudge::judge
