// What a pyjudge stopped by a signal must not leave behind: the cgroups and box folders it
// made. Each is remembered while it exists; an interrupt (Ctrl-C, SIGTERM, SIGHUP) ends the
// process only after running every remembered removal, which kills the boxes first.
#pragma once

#include <cstdint>
#include <functional>

namespace pyjudge::sandbox::leftovers {

// Remembers a removal to run if the process is interrupted; the id is for forget(). Once
// the process is ending, the removal runs at once instead.
uint64_t remember(std::function<void()> remove);
void forget(uint64_t id);

// Held around making something that is then remembered (a folder, a cgroup): the ending
// waits for it (up to 2 s), so nothing made in between is left behind. A thread that starts
// making something once the process is ending stops here for good; one already past this
// point has what it makes removed by remember() and goes on until the process ends.
class Making {
 public:
  Making();
  ~Making();
  Making(const Making&) = delete;
  Making& operator=(const Making&) = delete;
};

// Installs handlers of SIGINT, SIGTERM and SIGHUP (once, from main, before any thread starts;
// a signal ignored at start stays ignored): the signal is passed to a thread that runs every
// remembered removal, says so on stderr and ends the process by that signal (a shell sees
// 128 + the signal, and a loop running pyjudge stops).
void handle_interrupts();

// Async-signal-safe: ends the process as an interrupt would (a handler of a command that
// stops gently on the first signal calls it on the second). Without handle_interrupts(), the
// signal's default action.
void interrupt_from_handler(int sig);

// A command that stopped gently on a signal (batch, between candidates) notes it from its
// handler (async-signal-safe); after the command has written its results, main calls
// die_if_stopped(), which ends the process by that signal.
void stopped_by(int sig);
void die_if_stopped();

}  // namespace pyjudge::sandbox::leftovers
