#include "harness/zygote.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <pybind11/embed.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "harness/interpreter.hpp"
#include "harness/job.hpp"
#include "harness/protocol.hpp"
#include "harness/wire.hpp"
#include "sandbox/sandbox.hpp"

namespace py = pybind11;

namespace pyjudge::harness {

namespace {

// The box's pid, drawn at random where the kernel lets the zygote choose it (clone3's
// set_tid: as root, in the worker's pid namespace). A worker's boxes share that namespace,
// and pids are given in turn: a box's pid would tell how many threads the box before it
// started — a channel between candidates of up to 15 bits. Elsewhere (not root: each run
// has a pid namespace of its own) a plain clone.
long spawn_child() {
  static bool choose = true;
  static const long span = [] {
    long pid_max = 32768;
    if (FILE* f = std::fopen("/proc/sys/kernel/pid_max", "r")) {
      if (std::fscanf(f, "%ld", &pid_max) != 1) {
        pid_max = 32768;
      }
      std::fclose(f);
    }
    // From 1000 up, leaving room above for the box's threads.
    return std::max(1L, std::min(pid_max, 4194304L) - 1000 - 8192);
  }();
  for (int attempt = 0; choose && attempt < 8; ++attempt) {
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r)) {
      break;
    }
    auto want = static_cast<pid_t>(1000 + static_cast<long>(r % static_cast<uint32_t>(span)));
    clone_args args{};
    args.flags = CLONE_PARENT;  // the exit signal is the zygote's own (SIGCHLD): 0 here
    args.set_tid = reinterpret_cast<uint64_t>(&want);
    args.set_tid_size = 1;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid >= 0) {
      return pid;
    }
    if (errno != EEXIST) {  // not allowed here (EPERM), or no clone3: never again
      choose = false;
    }
  }
  return syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
}

}  // namespace

namespace {

bool send_message(int fd, ZygoteMessage type, const std::string& payload) {
  std::string packet(1, static_cast<char>(type));
  packet += payload;
  while (true) {
    ssize_t n = send(fd, packet.data(), packet.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      return static_cast<size_t>(n) == packet.size();
    }
    if (errno != EINTR) {
      return false;
    }
  }
}

bool send_failure(int fd, const std::string& why) {
  wire::Writer w;
  w.str(why);
  return send_message(fd, ZygoteMessage::failed, w.take());
}

// In the forked child: the passed descriptors become fds 1-4 (0 stays /dev/null), and
// nothing else of the zygote's stays open.
bool adopt_descriptors(const int passed[k_zygote_passed_fds]) {
  // Above every target first, so that no dup2 below overwrites a descriptor still needed.
  int high[k_zygote_passed_fds];
  for (int i = 0; i < k_zygote_passed_fds; ++i) {
    high[i] = fcntl(passed[i], F_DUPFD, 16);
    if (high[i] < 0) {
      return false;
    }
  }
  int commands = high[0];
  int results = high[1];
  int diagnostics = high[2];
  if (dup2(diagnostics, 1) < 0 || dup2(diagnostics, 2) < 0 || dup2(commands, k_zygote_fd) < 0 ||
      dup2(results, 4) < 0) {
    return false;
  }
  // Everything else of the zygote's (close_range, or one by one on kernels without it).
  return !sandbox::close_other_fds({k_zygote_fd, 4}).has_value();
}

[[noreturn]] void run_child(const int passed[k_zygote_passed_fds], pid_t judge) {
  PyOS_AfterFork_Child();
  if (!adopt_descriptors(passed)) {
    _exit(k_exit_protocol);
  }
  // Like a harness the judge spawned itself: its own session and process group (one kill
  // reaches everything it forks), and it dies with the judge.
  setsid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The judge is already gone if we were handed to another parent. (Forked into the
  // worker's pid namespace, our parent, outside it, reads as 0.)
  pid_t parent = getppid();
  if (parent != judge && parent != 0) {
    _exit(k_exit_protocol);
  }
  int code = k_exit_protocol;
  try {
    code = serve_job(k_zygote_fd, 4);
  } catch (const std::exception& e) {
    std::string msg = std::string("harness failure: ") + e.what();
    (void)wire::write_frame(4, static_cast<uint8_t>(FrameType::fatal), msg);
  }
  _exit(code);
}

}  // namespace

void report_zygote_failure(int control_fd, const std::string& why) {
  (void)send_failure(control_fd, why);
}

int serve_zygote(int control) {
  // Everything imported so far is permanent: a child's collections never walk (and so never
  // copy) the zygote's pages.
  py::module_ gc = py::module_::import("gc");
  gc.attr("collect")();
  gc.attr("freeze")();
  // The seccomp filter, compiled once here: each box writes its own pid into a copy (the
  // kill and tgkill rules name it) and loads it. Where that fails, each box compiles its own.
  (void)sandbox::precompile_seccomp();
  (void)runtime_paths();  // what each box's Landlock rules let it read, found once here
  // As root, one network, IPC and UTS namespace for all this worker's jobs (each still gets
  // its own pid and mount namespace). Creating and tearing down a network namespace per job
  // is the costliest part of the namespaces layer.
  (void)sandbox::enter_worker_namespaces();
  const pid_t judge = getppid();
  {
    wire::Writer w;
    w.u32(static_cast<uint32_t>(getpid()));
    if (!send_message(control, ZygoteMessage::hello, w.take())) {
      return k_exit_protocol;
    }
  }
  while (true) {
    char buf[64];
    alignas(cmsghdr) char control_buf[CMSG_SPACE(sizeof(int) * (k_zygote_passed_fds + 13))];
    iovec iov{buf, sizeof buf};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control_buf;
    msg.msg_controllen = sizeof control_buf;
    ssize_t n = recvmsg(control, &msg, MSG_CMSG_CLOEXEC);
    if (n == 0) {
      return k_exit_ok;  // the judge closed its end
    }
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return k_exit_protocol;
    }
    int fds[k_zygote_passed_fds + 13];
    int count = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
        continue;
      }
      size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < k && count < k_zygote_passed_fds + 13; ++i) {
        std::memcpy(&fds[count++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      }
    }
    auto close_all = [&] {
      for (int i = 0; i < count; ++i) {
        close(fds[i]);
      }
    };
    if (n != 1 || static_cast<ZygoteMessage>(buf[0]) != ZygoteMessage::spawn ||
        count != k_zygote_passed_fds || (msg.msg_flags & (MSG_CTRUNC | MSG_TRUNC)) != 0) {
      close_all();
      if (!send_failure(control, "a malformed spawn request")) {
        return k_exit_protocol;
      }
      continue;
    }
    PyOS_BeforeFork();
    // CLONE_PARENT: the child's parent is the judge, which reaps it and reads its rusage.
    long pid = spawn_child();
    if (pid == 0) {
      close(control);
      run_child(fds, judge);
    }
    int err = errno;
    PyOS_AfterFork_Parent();
    close_all();
    bool sent = false;
    if (pid < 0) {
      sent = send_failure(control, std::string("clone: ") + std::strerror(err));
    } else {
      wire::Writer w;
      w.u32(static_cast<uint32_t>(pid));
      sent = send_message(control, ZygoteMessage::spawned, w.take());
    }
    if (!sent) {
      return k_exit_protocol;
    }
  }
}

}  // namespace pyjudge::harness
