// pyjudge-harness: the child interpreter. The judge's worker pool (judge/pool) starts it as a
// zygote (`--zygote`, protocol.hpp), which forks one child per job with
//   fd 0  /dev/null            fd 1, 2  a capped diagnostics pipe to the judge
//   fd 3  frames from the judge           fd 4  frames to the judge
// It is not meant to be run by hand.
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>

#include "harness/interpreter.hpp"
#include "harness/job.hpp"
#include "harness/protocol.hpp"
#include "harness/zygote.hpp"

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--describe") {
    // For `pyjudge doctor`: the interpreter and what the box would be allowed to read.
    try {
      pyjudge::harness::start_interpreter();
      std::printf("python %s\n", pyjudge::harness::interpreter_description().c_str());
      for (const auto& p : pyjudge::harness::runtime_paths()) {
        std::printf("read-only %s\n", p.c_str());
      }
      std::fflush(stdout);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "pyjudge-harness: %s\n", e.what());
      _exit(1);
    }
  }
  if (argc == 2 && std::string(argv[1]) == "--zygote") {
    // Started by the judge's worker pool with its control socket on fd 3, and LD_BIND_NOW,
    // which the dynamic linker has read (and keeps for every library loaded later): the
    // environment is empty again before the interpreter starts.
    unsetenv("LD_BIND_NOW");
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(pyjudge::harness::k_zygote_fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 ||
        type != SOCK_SEQPACKET) {
      std::fprintf(stderr, "pyjudge-harness --zygote needs the judge's socket on fd 3.\n");
      return 2;
    }
    int code = pyjudge::harness::k_exit_protocol;
    try {
      pyjudge::harness::start_interpreter();
      code = pyjudge::harness::serve_zygote(pyjudge::harness::k_zygote_fd);
    } catch (const std::exception& e) {
      pyjudge::harness::report_zygote_failure(pyjudge::harness::k_zygote_fd, e.what());
    }
    _exit(code);
  }
  std::fprintf(stderr,
               "pyjudge-harness is started by pyjudge's worker pool (--zygote); "
               "run `pyjudge submit CHALLENGE FILE` instead.\n");
  return 2;
}
