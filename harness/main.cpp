// pyjudge-harness: the child interpreter. Started by pyjudge (judge/runner) with
//   fd 0  /dev/null            fd 1, 2  a capped diagnostics pipe to the judge
//   fd 3  frames from the judge           fd 4  frames to the judge
// It is not meant to be run by hand.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>

#include "harness/interpreter.hpp"
#include "harness/job.hpp"
#include "harness/protocol.hpp"
#include "harness/wire.hpp"

namespace {

constexpr int k_in_fd = 3;
constexpr int k_out_fd = 4;

bool is_open(int fd) {
  return fcntl(fd, F_GETFD) != -1;
}

}  // namespace

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
  if (argc > 1 || !is_open(k_in_fd) || !is_open(k_out_fd)) {
    std::fprintf(stderr,
                 "pyjudge-harness is started by pyjudge with its pipes on fds 3 and 4; "
                 "run `pyjudge submit CHALLENGE FILE` instead.\n");
    return 2;
  }
  int code = pyjudge::harness::k_exit_protocol;
  try {
    pyjudge::harness::start_interpreter();
    code = pyjudge::harness::serve_job(k_in_fd, k_out_fd);
  } catch (const std::exception& e) {
    std::string msg = std::string("harness failure: ") + e.what();
    (void)pyjudge::wire::write_frame(k_out_fd,
                                     static_cast<uint8_t>(pyjudge::harness::FrameType::fatal), msg);
  }
  // Never finalise Python: candidate atexit handlers and threads must not run on.
  _exit(code);
}
