// The box in its own pid namespace: it cannot see or signal anything outside, and when
// the namespace's init dies the kernel kills every process left in it.
//
// Three processes, as with `tini` in a container — the namespace's pid 1 ignores signals it
// sends itself with the default action, so the candidate must not be pid 1 (abort(),
// alarm() and SIGXCPU would not work as they should):
//
//   harness (outside)   forks init, learns the box's pid, announces it to the judge, waits
//                       and exits with the box's status — by the same signal if it died of
//                       one — so the judge reads the ending from its own child as before
//    └ init (pid 1)     forks the box, reaps, and reports the box's raw wait status
//       └ box (pid 2)   returns from fork_pid_namespace() and runs the job
//
// Only the box keeps the result pipe; neither of the others ever runs candidate code.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "sandbox/sandbox.hpp"

namespace pyjudge::sandbox {

namespace {

constexpr int k_setup_failed = 71;

[[noreturn]] void die_like(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, nullptr);
    kill(getpid(), sig);
    _exit(128 + sig);  // only if the signal does not terminate
  }
  _exit(WIFEXITED(status) ? WEXITSTATUS(status) : k_setup_failed);
}

bool read_byte(int fd) {
  char c = 0;
  ssize_t n = 0;
  while ((n = read(fd, &c, 1)) < 0 && errno == EINTR) {
  }
  return n == 1 && c == 1;
}

void write_byte(int fd) {
  char c = 1;
  (void)write(fd, &c, 1);
}

// The namespace's init: reaps every process until the box is gone, then reports the box's
// raw wait status. When init exits, the kernel kills whatever is left in the namespace.
[[noreturn]] void reap_until(pid_t box, int status_write) {
  int status = 0;
  pid_t r = 0;
  while ((r = wait(&status)) != box) {
    if (r < 0 && errno != EINTR) {
      _exit(k_setup_failed);
    }
  }
  (void)write(status_write, &status, sizeof status);
  _exit(0);
}

// The process whose parent is `parent`, by scanning /proc (kernels without the
// task/N/children file, CONFIG_PROC_CHILDREN).
pid_t scan_for_child(pid_t parent) {
  DIR* dir = opendir("/proc");
  if (dir == nullptr) {
    return 0;
  }
  pid_t found = 0;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (pid > 0 && *end == '\0' && parent_pid(static_cast<pid_t>(pid)) == parent) {
      found = static_cast<pid_t>(pid);
      break;
    }
  }
  closedir(dir);
  return found;
}

// The box's pid as the harness sees it: init's only child. init has already forked it
// when this is called (it said so on the ready pipe).
pid_t child_of(pid_t init) {
  std::string children = fmt::format("/proc/{}/task/{}/children", init, init);
  for (int attempt = 0; attempt < 2000; ++attempt) {
    std::ifstream in(children);
    pid_t pid = 0;
    if (in >> pid && pid > 0) {
      return pid;
    }
    if (!in.is_open() || access(children.c_str(), F_OK) != 0) {
      if (pid_t scanned = scan_for_child(init)) {
        return scanned;
      }
    }
    usleep(500);
  }
  return 0;
}

}  // namespace

uint64_t pid_namespace_id() {
  static const uint64_t id = [] {
    struct stat st {};
    return stat("/proc/self/ns/pid", &st) == 0 ? static_cast<uint64_t>(st.st_ino) : 0;
  }();
  return id;
}

std::optional<pid_t> gone_owner(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix)) {
    return std::nullopt;
  }
  std::string_view rest = name.substr(prefix.size());
  size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 9 ||
      rest.substr(0, dash).find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;  // not a name pyjudge gives (older ones carry no pid)
  }
  auto pid = static_cast<pid_t>(std::stol(std::string(rest.substr(0, dash))));
  if (pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH) {
    return std::nullopt;
  }
  return pid;
}

std::vector<std::optional<uint64_t>> proc_status_fields(
    pid_t pid, std::initializer_list<std::string_view> keys) {
  std::vector<std::optional<uint64_t>> out(keys.size());
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    size_t i = 0;
    for (std::string_view key : keys) {
      if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ':') {
        out[i] = std::strtoull(line.c_str() + key.size() + 1, nullptr, 10);
      }
      ++i;
    }
  }
  return out;
}

std::optional<uint64_t> proc_status_field(pid_t pid, std::string_view key) {
  return proc_status_fields(pid, {key})[0];
}

pid_t parent_pid(pid_t pid) {
  return static_cast<pid_t>(proc_status_field(pid, "PPid").value_or(0));
}

std::optional<std::string> fork_pid_namespace(const Policy& policy) {
  int ready[2];   // init → harness: the box exists
  int go[2];      // harness → box: the judge knows the box's pid
  int status[2];  // init → harness: the box's raw wait status
  if (pipe2(ready, O_CLOEXEC) != 0 || pipe2(go, O_CLOEXEC) != 0 || pipe2(status, O_CLOEXEC) != 0) {
    return fmt::format("pipe2: {}", std::strerror(errno));
  }
  if (policy.before_fork) {
    policy.before_fork();
  }
  pid_t init = fork();
  if (init < 0) {
    return fmt::format("fork into the pid namespace: {}", std::strerror(errno));
  }
  if (init == 0) {
    // pid 1 of the namespace.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    close(ready[0]);
    close(go[1]);
    close(status[0]);
    pid_t box = fork();
    if (box < 0) {
      _exit(k_setup_failed);
    }
    if (box == 0) {
      // pid 2: the box. Wait until the judge knows our pid, then run the job.
      close(ready[1]);
      close(status[1]);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      bool go_ahead = read_byte(go[0]);
      close(go[0]);
      if (!go_ahead) {
        _exit(k_setup_failed);
      }
      if (policy.after_fork_child) {
        policy.after_fork_child();
      }
      return std::nullopt;
    }
    // init keeps no descriptor the box uses.
    close(go[0]);
    for (int fd : policy.keep_fds) {
      close(fd);
    }
    write_byte(ready[1]);
    close(ready[1]);
    reap_until(box, status[1]);
  }
  // The harness, outside.
  close(ready[1]);
  close(go[0]);
  close(status[1]);
  pid_t box = read_byte(ready[0]) ? child_of(init) : 0;
  close(ready[0]);
  bool announced = box > 0 && (!policy.announce_box_pid || policy.announce_box_pid(box, init));
  if (announced) {
    write_byte(go[1]);
  }
  close(go[1]);
  for (int fd : policy.keep_fds) {
    close(fd);
  }
  int init_status = 0;
  while (waitpid(init, &init_status, 0) < 0 && errno == EINTR) {
  }
  int box_status = 0;
  ssize_t n = read(status[0], &box_status, sizeof box_status);
  close(status[0]);
  if (!announced) {
    _exit(k_setup_failed);
  }
  die_like(n == sizeof box_status ? box_status : init_status);
}

}  // namespace pyjudge::sandbox
