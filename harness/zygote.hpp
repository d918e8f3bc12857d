// The zygote: one initialised interpreter that forks a child per job (protocol.hpp,
// "zygote workers"). Forking an interpreter that has already imported the common stdlib
// costs about a millisecond; starting one costs tens.
#pragma once

#include <string>

namespace pyjudge::harness {

// Serves spawn requests on control_fd until the judge closes it. The interpreter must be
// started (start_interpreter) and no thread may be running. Returns the zygote's exit code;
// in each forked child it never returns (the child runs its job and _exits).
int serve_zygote(int control_fd);

// Before hello: tells the judge why the zygote could not start (the interpreter failed).
void report_zygote_failure(int control_fd, const std::string& why);

}  // namespace pyjudge::harness
