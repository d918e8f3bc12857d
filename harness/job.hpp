// One job in the child interpreter (see protocol.hpp for the conversation):
//
//   1. read the job, every test's inputs and `start` from in_fd, then close it
//   2. sandbox::enter(): stdin /dev/null, only the result pipe open, rlimits
//   3. compile the candidate's source and execute it as module `solution`
//   4. find the entry point (module function, class, or LeetCode's `class Solution`)
//   5. per test: build fresh arguments, call under C++ clocks, encode, send a result frame
//
// The harness never finalises Python: the caller _exit()s, so atexit handlers and
// non-daemon threads the candidate left behind cannot keep the process alive.
#pragma once

namespace pyjudge::harness {

// Exit codes of pyjudge-harness. Anything else (or a signal) is the candidate's doing.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_protocol = 70;  // bad frames from the judge, or the pipe broke
inline constexpr int k_exit_sandbox = 71;   // the sandbox could not be entered

// Runs the job read from in_fd, reporting on out_fd. Returns the exit code.
int serve_job(int in_fd, int out_fd);

}  // namespace pyjudge::harness
