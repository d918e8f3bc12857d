// The hostile suite: tests/hostile/*.py attack the judge; each declares what it must get.
//
//   # expect: SV RE       the verdicts it may get (any of them)
//   # message: TEXT       a text the first failure's message must contain
//   # canary: NAME        /tmp, /var/tmp and /dev/shm must hold no pyjudge-canary-NAME after
//   # listener            a TCP and a UDP socket on 127.0.0.1:47771 must receive nothing
//   # challenge: NAME     judge against tests/fixtures/challenges/NAME instead
//   # needs: LAYER        the expectation holds only with that sandbox layer active; on a
//                         host without it the case is skipped with the reason (never on CI)
//
// After every case: the same judge still accepts a correct solution, no process of the
// box's user is left alive, and no scratch folder is left behind. Files in
// tests/hostile/secret/ run against the `secret` fixture, whose expected values cannot be
// computed — only stolen; the others against `add`.
#include <arpa/inet.h>
#include <dirent.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "judge/judge.hpp"
#include "judge/pool.hpp"
#include "sandbox/sandbox.hpp"
#include "support.hpp"

using namespace pyjudge;
using namespace pyjudge::judge;
namespace fs = std::filesystem;

namespace {

constexpr int k_port = 47771;
constexpr int k_shards = 4;

struct Header {
  std::vector<Verdict> verdicts;
  std::string message;
  std::string canary;
  std::string challenge;
  std::string needs;
  bool listener = false;
};

Header read_header(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  Header h;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("\xef\xbb\xbf")) {
      line.erase(0, 3);  // a UTF-8 BOM
    }
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!line.starts_with("#")) {
      break;
    }
    auto at = line.find("# ");
    std::string body = line.substr(at == std::string::npos ? 0 : at + 2);
    if (body.starts_with("expect: ")) {
      std::istringstream words(body.substr(8));
      std::string w;
      while (words >> w) {
        auto v = verdict_from_string(w);
        REQUIRE_MESSAGE(v, file.string() << ": unknown verdict " << w);
        h.verdicts.push_back(*v);
      }
    } else if (body.starts_with("message: ")) {
      h.message = body.substr(9);
    } else if (body.starts_with("canary: ")) {
      h.canary = body.substr(8);
    } else if (body.starts_with("needs: ")) {
      h.needs = body.substr(7);
    } else if (body.starts_with("challenge: ")) {
      h.challenge = body.substr(11);
    } else if (body == "listener") {
      h.listener = true;
    }
  }
  REQUIRE_MESSAGE(!h.verdicts.empty(), file.string() << " has no `# expect:` line");
  return h;
}

// A TCP listener and a UDP socket on the loopback port, both non-blocking.
struct Listener {
  int tcp = -1;
  int udp = -1;
  Listener() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(k_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    tcp = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    REQUIRE(bind(tcp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(tcp, 8) == 0);
    udp = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    REQUIRE(bind(udp, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  ~Listener() {
    close(tcp);
    close(udp);
  }
  [[nodiscard]] bool received_anything() const {
    int c = accept(tcp, nullptr, nullptr);
    if (c >= 0) {
      close(c);
      return true;
    }
    char buf[16];
    return recv(udp, buf, sizeof buf, 0) >= 0;
  }
};

std::vector<std::string> canary_paths(const std::string& name) {
  return {"/tmp/pyjudge-canary-" + name, "/var/tmp/pyjudge-canary-" + name,
          "/dev/shm/pyjudge-canary-" + name};
}

// Children of this process other than the worker pool's zygotes. The test is a child
// subreaper, so anything the box started and left behind would be re-parented here —
// whatever else runs on the machine.
int children_left() {
  auto zygotes = judge::WorkerPool::shared(testing::harness_exe()).zygote_pids();
  int n = 0;
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    std::ifstream in(task.path() / "children");
    pid_t pid = 0;
    while (in >> pid) {
      n += std::find(zygotes.begin(), zygotes.end(), pid) == zygotes.end() ? 1 : 0;
    }
  }
  return n;
}

int scratch_folders(const fs::path& tmp) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(tmp)) {
    n += e.path().filename().string().starts_with("pyjudge-box-") ? 1 : 0;
  }
  return n;
}

std::vector<fs::path> hostile_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(testing::test_dir() / "hostile")) {
    if (e.path().extension() == ".py") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void run_shard(int shard) {
  Challenge add = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Challenge secret = testing::load_or_die(testing::fixtures() / "challenges" / "secret");
  auto control = read_submission(add.reference);
  REQUIRE(control.ok());
  JudgeOptions options;
  options.harness_exe = testing::harness_exe();
  setenv("PYJUDGE_TEST_SECRET", "hunter2", 1);
  REQUIRE(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
  testing::ScopedTempDir tmp;  // the boxes' scratch folders go here, and nothing else
  chmod(tmp.path().c_str(), 0755);
  setenv("TMPDIR", tmp.path().c_str(), 1);
  auto files = hostile_files();
  REQUIRE(files.size() >= 45);
  for (size_t i = static_cast<size_t>(shard); i < files.size(); i += k_shards) {
    const fs::path& file = files[i];
    Header h = read_header(file);
    for (const auto& p : canary_paths(h.canary)) {
      if (!h.canary.empty()) {
        fs::remove(p);
      }
    }
    std::optional<Listener> listener;
    if (h.listener) {
      listener.emplace();
    }
    auto sub = read_submission(file);
    REQUIRE(sub.ok());
    std::optional<Challenge> own;
    if (!h.challenge.empty()) {
      own = testing::load_or_die(testing::fixtures() / "challenges" / h.challenge);
    }
    const Challenge& c = own ? *own : file.parent_path().filename() == "secret" ? secret : add;
    Report r = judge::judge(c, *sub, options);
    if (!h.needs.empty() && testing::skip_without_layer(r, h.needs, file.filename().string())) {
      continue;
    }
    std::string msg = testing::first_message(r);
    INFO(file.filename().string() << ": got " << to_string(r.verdict) << " — " << msg);
    CHECK(std::find(h.verdicts.begin(), h.verdicts.end(), r.verdict) != h.verdicts.end());
    if (!h.message.empty()) {
      CHECK(msg.find(h.message) != std::string::npos);
    }
    if (!h.canary.empty()) {
      for (const auto& p : canary_paths(h.canary)) {
        CHECK_MESSAGE(!fs::exists(p), p << " was created");
      }
    }
    if (listener) {
      CHECK_FALSE(listener->received_anything());
    }
    CHECK(children_left() == 0);              // nothing of the box survives its verdict
    CHECK(scratch_folders(tmp.path()) == 0);  // and its scratch folder is gone
    Report ok = judge::judge(add, *control, options);
    CHECK_MESSAGE(ok.verdict == Verdict::AC, "control after " << file.filename().string());
  }
  unsetenv("PYJUDGE_TEST_SECRET");
  unsetenv("TMPDIR");
}

}  // namespace

TEST_CASE("hostile: shard 1 of 4") {
  run_shard(0);
}
TEST_CASE("hostile: shard 2 of 4") {
  run_shard(1);
}
TEST_CASE("hostile: shard 3 of 4") {
  run_shard(2);
}
TEST_CASE("hostile: shard 4 of 4") {
  run_shard(3);
}

TEST_CASE("hostile: other processes' threads as nobody do not make a box's threads fail") {
  // Every box runs as nobody, and RLIMIT_NPROC counts all of a uid's tasks on the host: two
  // hostile boxes (or any 512 threads of nobody) made honest threaded solutions fail with
  // "can't start new thread". Where the judge's cgroup bounds a box's tasks, it does not.
  if (geteuid() != 0) {
    MESSAGE("skipped: boxes share the uid nobody only when pyjudge runs as root");
    return;
  }
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t holder = fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {
    dup2(ready[1], 1);
    if (setgroups(0, nullptr) != 0 || setgid(sandbox::k_nobody) != 0 ||
        setuid(sandbox::k_nobody) != 0) {
      _exit(1);
    }
    execl("/usr/bin/python3.11", "python3.11", "-I", "-c",
          "import threading, time, sys\n"
          "threading.stack_size(65536)\n"
          "for _ in range(600):\n"
          "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
          "print('ready', flush=True)\n"
          "time.sleep(60)\n",
          nullptr);
    _exit(127);
  }
  close(ready[1]);
  char buf[16] = {};
  ssize_t n = read(ready[0], buf, sizeof buf - 1);
  close(ready[0]);
  REQUIRE(n > 0);
  REQUIRE(std::string(buf).starts_with("ready"));
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c,
                                   "from concurrent.futures import ThreadPoolExecutor\n"
                                   "def add(a, b):\n"
                                   "    with ThreadPoolExecutor(8) as ex:\n"
                                   "        parts = list(ex.map(lambda x: x, [a, b]))\n"
                                   "    return sum(parts)\n");
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  if (testing::skip_without_layer(r, "cgroups", "the task bound by cgroup")) {
    return;
  }
  INFO(testing::first_message(r));
  CHECK(r.verdict == Verdict::AC);
}

TEST_CASE("hostile: without cgroups, shared memory over the limit is MLE (pyjudge as nobody)") {
  // RLIMIT_DATA does not count shared anonymous memory (Python's mmap(-1, n)); without a
  // cgroup (pyjudge not root), the judge's reading of the box's peak is what bounds it.
  if (geteuid() != 0) {
    MESSAGE("skipped: runs pyjudge as nobody, which needs root to switch to");
    return;
  }
  testing::ScopedTempDir dir;
  fs::path home = dir.path() / "home";
  fs::create_directories(home);
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(home, fs::perms::all);
  fs::path hog = dir.write("shm_hog.py",
                           "import mmap\n"
                           "keep = []\n"
                           "def add(a, b):\n"
                           "    m = mmap.mmap(-1, 192 << 20)\n"
                           "    for i in range(0, 192 << 20, 4096):\n"
                           "        m[i] = 1\n"
                           "    keep.append(m)\n"
                           "    return a + b\n");
  fs::path fine = dir.write("roomy.py",
                            "def add(a, b):\n"
                            "    block = bytearray(90 << 20)\n"
                            "    return a + b + block[-1]\n");
  auto as_nobody = [&](const fs::path& file) {
    std::string cmd = fmt::format(
        "setpriv --reuid=65534 --regid=65534 --clear-groups env -i HOME={} PATH=/usr/bin:/bin "
        "{} submit {} {} --json --no-history 2>&1",
        home.string(), PYJUDGE_CLI_PATH, (testing::fixtures() / "challenges" / "add").string(),
        file.string());
    return testing::shell(cmd);
  };
  testing::ShellRun bad = as_nobody(hog);
  INFO(bad.out);
  REQUIRE(bad.out.find('{') != std::string::npos);
  auto doc = nlohmann::json::parse(bad.out.substr(bad.out.find('{')));
  bool cgroup_active = false;
  for (const auto& layer : doc["sandbox"]) {
    cgroup_active = cgroup_active || (layer["layer"] == "cgroups" && layer["active"] == true);
  }
  CHECK_FALSE(cgroup_active);  // as nobody, v1 cgroups are root's
  CHECK(doc["verdict"] == "MLE");
  CHECK(doc["tests"][0]["message"].get<std::string>().starts_with("used more than 128 MB"));
  testing::ShellRun ok = as_nobody(fine);
  INFO(ok.out);
  REQUIRE(ok.out.find('{') != std::string::npos);
  CHECK(nlohmann::json::parse(ok.out.substr(ok.out.find('{')))["verdict"] == "AC");
}

TEST_CASE("hostile: a box's pid tells nothing of the box before it on its worker") {
  // As root a worker's boxes share one pid namespace; pids given in turn made the next box's
  // pid the last one plus the threads the box before it started (a channel between
  // candidates). The zygote now draws each box's pid at random.
  if (geteuid() != 0) {
    MESSAGE("skipped: boxes share a worker's pid namespace only when pyjudge runs as root");
    return;
  }
  testing::ScopedTempDir dir;
  // Each reports its pid, its last thread's id and what /proc/self names.
  const std::string report =
      "    t = threading.Thread(target=lambda: ids.append(threading.get_native_id()))\n"
      "    t.start()\n"
      "    t.join()\n"
      "    try:\n"
      "        me = os.readlink('/proc/self')\n"
      "    except OSError:\n"
      "        me = '-1'\n"
      "    raise ValueError(f'pid {os.getpid()} tid {ids[-1]} proc {me}')\n";
  fs::path sender = dir.write("a_sender.py",
                              "import os, threading\n"
                              "ids = []\n"
                              "def add(a, b):\n"
                              "    for _ in range(50):\n"
                              "        t = threading.Thread(target=lambda: None)\n"
                              "        t.start()\n"
                              "        t.join()\n" +
                                  report);
  fs::path receiver = dir.write("b_receiver.py",
                                "import os, threading\n"
                                "ids = []\n"
                                "def add(a, b):\n" +
                                    report);
  std::string cmd = fmt::format(
      "{} submit {} {} {} -j 1 --json --no-history 2>/dev/null", PYJUDGE_CLI_PATH,
      (testing::fixtures() / "challenges" / "add").string(), sender.string(), receiver.string());
  testing::ShellRun run = testing::shell(cmd);
  INFO(run.out);
  auto doc = nlohmann::json::parse(run.out);
  REQUIRE(doc.size() == 2);
  // "ValueError: pid N tid T proc P at …"
  auto field = [](const nlohmann::json& file, const std::string& key) {
    std::string m = file["tests"][0]["message"].get<std::string>();
    return std::stol(m.substr(m.find(key + " ") + key.size() + 1));
  };
  long a = field(doc[0], "pid");
  long b = field(doc[1], "pid");
  CHECK(a >= 1000);
  CHECK(b >= 1000);
  CHECK(b != a + 52);  // the sender's pid and its 51 threads, then the receiver
  // Its threads' ids do not go on from the sender's either.
  long sender_last = field(doc[0], "tid");
  long receiver_thread = field(doc[1], "tid");
  CHECK((receiver_thread < sender_last + 1 || receiver_thread > sender_last + 3));
  // And /proc/self names the pid the box sees, not a host pid that moves with every task.
  CHECK(field(doc[1], "proc") == b);
}

TEST_CASE("hostile: reading the runtime leaves no access time a later box could see") {
  // A file's first read in a day set its atime on the host's disk (relatime), which every
  // box may stat: a channel between candidates. The box sees the runtime without atimes.
  const fs::path file = "/usr/lib/python3.11/this.py";
  struct stat before {};
  REQUIRE(stat(file.c_str(), &before) == 0);
  // Make the next read one that relatime would record: an access time two days old.
  timespec times[2] = {{before.st_atime - 2 * 86400, 0}, {0, UTIME_OMIT}};
  if (utimensat(AT_FDCWD, file.c_str(), times, 0) != 0) {
    MESSAGE("skipped: cannot set the access time of " << file.string() << " (not root?)");
    return;
  }
  struct stat aged {};
  REQUIRE(stat(file.c_str(), &aged) == 0);
  Challenge c = testing::load_or_die(testing::fixtures() / "challenges" / "add");
  Report r = testing::judge_source(c,
                                   "def add(a, b):\n"
                                   "    open('/usr/lib/python3.11/this.py', 'rb').read()\n"
                                   "    return a + b\n");
  REQUIRE(r.verdict == Verdict::AC);
  struct stat after {};
  REQUIRE(stat(file.c_str(), &after) == 0);
  if (testing::skip_without_layer(r, "namespaces", "the runtime mounted without atimes")) {
    return;
  }
  CHECK(after.st_atime == aged.st_atime);
}
