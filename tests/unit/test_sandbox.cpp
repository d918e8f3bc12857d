// Sandbox steps run in a forked child; the parent asserts what the child observed.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "sandbox/sandbox.hpp"

namespace {

// Runs body in a child; returns its exit status (body's return value), or 128+signal.
int in_child(const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid == 0) {
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("sandbox: rlimits are applied") {
  pyjudge::sandbox::Policy p;
  p.cpu_seconds = 3;
  p.data_bytes = 64 << 20;
  p.file_bytes = 4096;
  p.open_files = 16;
  CHECK(in_child([&] {
          if (pyjudge::sandbox::apply_rlimits(p)) {
            return 10;
          }
          rlimit rl{};
          getrlimit(RLIMIT_CPU, &rl);
          if (rl.rlim_cur != 3)
            return 11;
          getrlimit(RLIMIT_DATA, &rl);
          if (rl.rlim_cur != (64 << 20))
            return 12;
          getrlimit(RLIMIT_NOFILE, &rl);
          if (rl.rlim_cur != 16)
            return 13;
          getrlimit(RLIMIT_CORE, &rl);
          if (rl.rlim_cur != 0)
            return 14;
          void* big = malloc(200 << 20);  // over RLIMIT_DATA: must fail
          return big == nullptr ? 0 : 15;
        }) == 0);
}

TEST_CASE("sandbox: CPU limit kills a spinning child with SIGXCPU") {
  pyjudge::sandbox::Policy p;
  p.cpu_seconds = 1;
  int status = in_child([&] {
    if (pyjudge::sandbox::apply_rlimits(p)) {
      return 10;
    }
    volatile unsigned long spins = 0;
    while (true) {
      spins = spins + 1;
    }
    return 0;
  });
  CHECK(status == 128 + SIGXCPU);
}

TEST_CASE("sandbox: file size limit stops big writes") {
  pyjudge::sandbox::Policy p;
  p.file_bytes = 1024;
  char path[] = "/tmp/pyjudge-fsize-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  int status = in_child([&] {
    signal(SIGXFSZ, SIG_IGN);  // so the write fails with EFBIG instead of killing us
    if (pyjudge::sandbox::apply_rlimits(p)) {
      return 10;
    }
    std::string block(4096, 'x');
    ssize_t w = write(fd, block.data(), block.size());
    return w == 1024 ? 0 : 11;  // short write up to the limit
  });
  close(fd);
  unlink(path);
  CHECK(status == 0);
}

TEST_CASE("sandbox: only the kept descriptors survive") {
  int a = open("/dev/null", O_RDONLY);
  int b = open("/dev/null", O_RDONLY);
  int c = open("/dev/null", O_RDONLY);
  REQUIRE(c > b);
  CHECK(in_child([&] {
          if (pyjudge::sandbox::close_other_fds({b})) {
            return 10;
          }
          if (fcntl(a, F_GETFD) != -1 || fcntl(c, F_GETFD) != -1)
            return 11;
          if (fcntl(b, F_GETFD) == -1)
            return 12;
          if (fcntl(1, F_GETFD) == -1)
            return 13;  // stdio untouched
          return 0;
        }) == 0);
  close(a);
  close(b);
  close(c);
}

TEST_CASE("sandbox: stdin becomes /dev/null") {
  CHECK(in_child([] {
          if (pyjudge::sandbox::null_stdin()) {
            return 10;
          }
          char ch = 0;
          return read(0, &ch, 1) == 0 ? 0 : 11;  // EOF at once
        }) == 0);
}
