// The zygote worker pool (judge/pool): jobs are forked by a long-lived zygote, a dead worker
// is replaced, a worker that cannot start is an internal error with its reason, and no more
// jobs run at once than the pool has workers.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "judge/judge.hpp"
#include "judge/pool.hpp"
#include "judge/runner.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/sandbox.hpp"
#include "support.hpp"

namespace pyjudge {
namespace {

namespace fs = std::filesystem;

using judge::Ending;
using judge::RunOutcome;
using judge::RunRequest;
using judge::WorkerPool;

judge::Challenge add_challenge() {
  auto c = judge::load_challenge(testing::fixtures() / "challenges" / "add");
  REQUIRE(c);
  return *c;
}

// A run of `source` on the challenge's first `count` tests (all: SIZE_MAX), over `pool`.
// A run request with the encoded tests it points at (moving it keeps them where they are).
struct Request {
  std::vector<judge::EncodedTest> tests;
  RunRequest run;
  void set_tests(const std::vector<harness::TestRequest>& t) {
    tests = judge::encode_tests(t);
    run.tests = tests;
  }
};

Request request_on(WorkerPool& pool, const judge::Challenge& c, const std::string& source,
                   size_t count = SIZE_MAX) {
  Request r;
  r.run.harness_exe = testing::harness_exe();
  r.run.pool = &pool;
  r.run.job = judge::make_job(c, judge::Submission{"solution.py", source});
  std::vector<harness::TestRequest> tests;
  for (size_t i = 0; i < c.tests.size() && i < count; ++i) {
    tests.push_back(judge::make_request(c.tests[i], static_cast<uint32_t>(i)));
  }
  r.set_tests(tests);
  return r;
}

RunOutcome run_on(WorkerPool& pool, const judge::Challenge& c, const std::string& source) {
  return judge::run_harness(request_on(pool, c, source).run);
}

const char* k_add = "def add(a, b):\n    return a + b\n";

TEST_CASE("pool: one zygote forks every job, and a job cannot change the next one's world") {
  auto c = add_challenge();
  WorkerPool pool(testing::harness_exe(), 1);
  CHECK(pool.zygote_pids().empty());  // started on first use
  // The candidate's module-level code breaks preloaded modules in its own process only.
  RunOutcome first = run_on(pool, c,
                            "import collections, builtins\n"
                            "collections.Counter = None\n"
                            "builtins.len = None\n"
                            "def add(a, b):\n    return a + b\n");
  CHECK(first.ending == Ending::completed);
  REQUIRE(pool.zygote_pids().size() == 1);
  pid_t zygote = pool.zygote_pids()[0];
  RunOutcome second = run_on(pool, c,
                             "import collections\n"
                             "def add(a, b):\n"
                             "    return sum(collections.Counter([a, b] * len([1])).elements())\n");
  CHECK(second.ending == Ending::completed);
  CHECK(second.results.size() == c.tests.size());
  CHECK(second.attempts == 1);
  REQUIRE(pool.zygote_pids().size() == 1);
  CHECK(pool.zygote_pids()[0] == zygote);  // the same zygote served both
  CHECK(pool.replaced() == 0);
}

TEST_CASE("pool: a worker whose zygote died is replaced, and the job still runs") {
  auto c = add_challenge();
  WorkerPool pool(testing::harness_exe(), 1);
  REQUIRE(run_on(pool, c, k_add).ending == Ending::completed);
  REQUIRE(pool.zygote_pids().size() == 1);
  pid_t zygote = pool.zygote_pids()[0];
  REQUIRE(kill(zygote, SIGKILL) == 0);
  RunOutcome after = run_on(pool, c, k_add);
  CHECK(after.ending == Ending::completed);
  CHECK(after.results.size() == c.tests.size());
  REQUIRE(pool.zygote_pids().size() == 1);
  CHECK(pool.zygote_pids()[0] != zygote);
  CHECK(pool.replaced() == 1);
  // A judged submission after that: accepted as usual.
  judge::JudgeOptions options;
  options.harness_exe = testing::harness_exe();
  CHECK(judge::judge(c, judge::Submission{"solution.py", k_add}, options).verdict ==
        judge::Verdict::AC);
}

TEST_CASE("pool: a harness that cannot start is the judge's fault, with the reason") {
  auto c = add_challenge();
  testing::ScopedTempDir tmp;
  SUBCASE("missing binary") {
    WorkerPool pool(tmp.path() / "no-such-harness", 1);
    RunOutcome out = run_on(pool, c, k_add);
    CHECK(out.ending == Ending::spawn_failed);
    CHECK(out.message.find("no-such-harness") != std::string::npos);
  }
  SUBCASE("a program that exits instead of saying hello") {
    WorkerPool pool("/bin/true", 1);
    RunOutcome out = run_on(pool, c, k_add);
    CHECK(out.ending == Ending::spawn_failed);
    CHECK(out.message.find("did not start: it exited") != std::string::npos);
    CHECK(out.message.find("again on a fresh worker") != std::string::npos);  // tried twice
  }
  SUBCASE("judged: IE, never the candidate's verdict") {
    judge::JudgeOptions options;
    options.harness_exe = tmp.path() / "no-such-harness";
    judge::Report r = judge::judge(c, judge::Submission{"solution.py", k_add}, options);
    CHECK(r.verdict == judge::Verdict::IE);
    for (const auto& t : r.tests) {
      CHECK(t.verdict == judge::Verdict::IE);
    }
    CHECK(r.message.find("no-such-harness") != std::string::npos);
  }
}

TEST_CASE("pool: zygotes launched ahead serve the first jobs and a failed launch shows there") {
  auto c = add_challenge();
  {
    WorkerPool pool(testing::harness_exe(), 2);
    pool.prestart(1);  // one of the two: what a single submission asks for
    REQUIRE(pool.zygote_pids().size() == 1);
    pid_t early = pool.zygote_pids()[0];
    RunOutcome out = run_on(pool, c, k_add);  // meets the launched zygote's hello
    CHECK(out.ending == Ending::completed);
    CHECK(out.results.size() == c.tests.size());
    CHECK(out.attempts == 1);
    REQUIRE(pool.zygote_pids().size() == 1);
    CHECK(pool.zygote_pids()[0] == early);
    pool.prestart(2);  // the running one is left alone; the second is launched
    CHECK(pool.zygote_pids().size() == 2);
    CHECK(run_on(pool, c, k_add).ending == Ending::completed);
    CHECK(pool.replaced() == 0);
  }
  {
    // The cgroup is made ahead too, before any job: the first one only sets its limits.
    WorkerPool pool(testing::harness_exe(), 1);
    pool.prestart(1);
    std::string ahead;  // its folder: a new cgroup could reuse a freed one's address
    {
      WorkerPool::Lease lease = pool.acquire();
      if (lease.cgroup()) {
        ahead = lease.cgroup()->path();
      }
    }
    RunOutcome out = run_on(pool, c, k_add);
    CHECK(out.ending == Ending::completed);
    if (out.cgroup.active) {
      REQUIRE_FALSE(ahead.empty());
      WorkerPool::Lease lease = pool.acquire();
      REQUIRE(lease.cgroup() != nullptr);
      CHECK(lease.cgroup()->path() == ahead);  // the job ran in it, not in one of its own
      INFO(out.cgroup.detail);  // the job's limits (128 MB and 48 of headroom), not ahead's
      CHECK(out.cgroup.detail.find("memory 176 MiB") != std::string::npos);
    } else {
      MESSAGE("skipped the cgroup made ahead: no cgroup layer here (" << out.cgroup.detail << ")");
      CHECK_MESSAGE(std::getenv("CI") == nullptr, "CI machines must offer cgroups");
    }
  }
  {
    WorkerPool pool("/bin/true", 1);
    pool.prestart(1);  // launched; it exits without a hello
    RunOutcome out = run_on(pool, c, k_add);
    CHECK(out.ending == Ending::spawn_failed);
    CHECK(out.message.find("did not start: it exited") != std::string::npos);
  }
}

TEST_CASE("pool: no more jobs run at once than there are workers") {
  auto c = add_challenge();
  // One test that sleeps 300 ms of wall time (sleep is not CPU: no TLE).
  judge::Challenge slow = c;
  slow.tests.resize(1);
  WorkerPool pool(testing::harness_exe(), 2);
  const char* sleepy = "import time\ndef add(a, b):\n    time.sleep(0.3)\n    return a + b\n";
  REQUIRE(run_on(pool, slow, sleepy).ending == Ending::completed);  // zygotes warm
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  std::vector<RunOutcome> outs(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] { outs[i] = run_on(pool, slow, sleepy); });
  }
  for (auto& t : threads) {
    t.join();
  }
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  for (const auto& o : outs) {
    CHECK(o.ending == Ending::completed);
  }
  CHECK(pool.zygote_pids().size() <= 2);
  CHECK(ms >= 600);  // four 300 ms jobs on two workers: two rounds at least
}

TEST_CASE("pool: a job that fails before candidate code runs is run once more, then IE") {
  auto c = add_challenge();
  // A zygote whose children cannot take their descriptors (too few allowed): every job
  // dies before candidate code runs, as a broken worker would make it.
  testing::ScopedTempDir tmp;
  fs::path wrapper = tmp.write("few-fds.sh", "#!/bin/sh\nulimit -n 12\nexec '" +
                                                 testing::harness_exe().string() + "' \"$@\"\n");
  fs::permissions(wrapper, fs::perms::owner_all);
  WorkerPool broken(wrapper, 1);
  RunOutcome out = judge::run_harness(request_on(broken, c, k_add, 1).run);
  CHECK_FALSE(out.loading_seen);
  CHECK(out.ending == Ending::died);  // judge() makes every test IE of this
  CHECK(out.attempts == 2);
  CHECK(broken.replaced() == 1);  // the second attempt ran on a fresh zygote
  WorkerPool pool(testing::harness_exe(), 1);
  Request req = request_on(pool, c, k_add, 1);
  // A candidate's own failure is never retried.
  req.run.job = judge::make_job(c, judge::Submission{"solution.py", "import os\nos._exit(3)\n"});
  RunOutcome own = judge::run_harness(req.run);
  CHECK(own.loading_seen);
  CHECK(own.ending == Ending::died);
  CHECK(own.attempts == 1);
}

TEST_CASE("pool: a failure the harness reports itself is not retried: it would only recur") {
  auto c = add_challenge();
  WorkerPool pool(testing::harness_exe(), 1);
  Request req = request_on(pool, c, k_add, 0);
  req.run.job.style = harness::CallStyle::script;
  harness::TestRequest t;
  harness::Call call;
  call.text = "return (";  // a script challenge's test code that does not compile
  t.calls.push_back(call);
  req.set_tests({t});
  RunOutcome out = judge::run_harness(req.run);
  CHECK_FALSE(out.loading_seen);
  CHECK(out.ending == Ending::harness_fault);
  CHECK(out.attempts == 1);
  CHECK(pool.replaced() == 0);
}

TEST_CASE("pool: a zygote killed during a job is the judge's fault, never the candidate's") {
  auto c = add_challenge();
  judge::Challenge one = c;
  one.tests.resize(1);
  WorkerPool pool(testing::harness_exe(), 1);
  REQUIRE(run_on(pool, one, k_add).ending == Ending::completed);
  REQUIRE(pool.zygote_pids().size() == 1);
  pid_t zygote = pool.zygote_pids()[0];
  std::thread killer([zygote] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    kill(zygote, SIGKILL);
  });
  RunOutcome out =
      run_on(pool, one, "import time\ndef add(a, b):\n    time.sleep(2)\n    return a + b\n");
  killer.join();
  CHECK(out.loading_seen);
  CHECK(out.ending == Ending::harness_fault);  // judge() makes the run's tests IE
  CHECK(out.message.find("zygote died") != std::string::npos);
  CHECK(run_on(pool, one, k_add).ending == Ending::completed);  // and a fresh one takes over
}

TEST_CASE("pool: a run given a CPU keeps its box on that CPU, threads and all") {
  // Claims in a folder of this test's own: pyjudges timing elsewhere on the machine (ctest
  // -j2) hold theirs in the temp folder.
  testing::ScopedTempDir locks;
  int first = -1;
  {
    std::optional<judge::TimingCpu> one(std::in_place, locks.path());
    first = one->cpu();
    if (first < 0) {
      MESSAGE("skipped: the judge may run on only one CPU here");
      CHECK_MESSAGE(std::getenv("CI") == nullptr, "CI machines have two CPUs");
      return;
    }
    // Submissions timed side by side get different CPUs (where there are as many). A claim
    // is a flock on a file of the folder: each claim opens it anew, so a claim held here
    // excludes another here exactly as one held by another pyjudge process would.
    CHECK(one->claimed());
    {
      std::vector<std::unique_ptr<judge::TimingCpu>> held;
      std::set<int> cpus = {first};
      for (;;) {  // until every CPU is claimed: then one is used, unclaimed
        held.push_back(std::make_unique<judge::TimingCpu>(locks.path()));
        if (!held.back()->claimed()) {
          break;
        }
        CHECK(cpus.insert(held.back()->cpu()).second);
      }
      CHECK(held.back()->cpu() >= 0);
      CHECK(cpus.size() >= 2);
    }
    one.reset();
    judge::TimingCpu again(locks.path());  // released with the claims above: free to take
    CHECK(again.claimed());
    // A FIFO planted under a lock file's name neither hangs a claim nor is used as a lock.
    for (const auto& e : fs::directory_iterator(locks.path())) {
      fs::remove(e.path());
      REQUIRE(mkfifo(e.path().c_str(), 0644) == 0);
    }
    judge::TimingCpu fifo(locks.path());
    CHECK_FALSE(fifo.claimed());
    CHECK(fifo.cpu() >= 0);
  }
  auto c = add_challenge();
  WorkerPool pool(testing::harness_exe(), 1);
  // add(a, b) answers 1000 × the lowest CPU it may run on + how many; a thread it starts
  // answers the same way.
  const std::string source =
      "import os, threading\n"
      "def where():\n"
      "    cpus = os.sched_getaffinity(0)\n"
      "    return 1000 * min(cpus) + len(cpus)\n"
      "def add(a, b):\n"
      "    seen = []\n"
      "    t = threading.Thread(target=lambda: seen.append(where()))\n"
      "    t.start()\n"
      "    t.join()\n"
      "    return where() if seen == [where()] else -1\n";
  auto answers = [&](int cpu) {
    Request r = request_on(pool, c, source, 1);
    r.run.cpu = cpu;
    int64_t got = -2;
    r.run.on_result = [&](const harness::Result& res, uint64_t) {
      if (!res.value.empty()) {
        got = judge::from_wire(res.value).as_int();
      }
    };
    RunOutcome o = judge::run_harness(r.run);
    INFO(o.message << o.diagnostics);
    CHECK(o.ending == Ending::completed);
    return got;
  };
  CHECK(answers(first) == 1000 * first + 1);
  CHECK(answers(-1) == static_cast<int64_t>(std::thread::hardware_concurrency()));
}

TEST_CASE("pool: scratch folders of a pyjudge killed outright are removed by the next one") {
  testing::ScopedTempDir tmp;
  pid_t gone = fork();
  REQUIRE(gone >= 0);
  if (gone == 0) {
    _exit(0);
  }
  REQUIRE(waitpid(gone, nullptr, 0) == gone);  // a pid that is nobody's now
  auto old = std::filesystem::file_time_type::clock::now() - std::chrono::hours(2);
  auto make = [&](const std::string& name, bool aged) {
    std::filesystem::path p = tmp.path() / name;
    std::filesystem::create_directories(p / "inside");
    std::ofstream(p / "inside" / "left.txt") << "x";
    if (aged) {
      std::filesystem::last_write_time(p, old);
    }
    return p;
  };
  auto abandoned = make(fmt::format("pyjudge-box-{}-abc123", gone), true);
  auto recent = make(fmt::format("pyjudge-box-{}-def456", gone), false);  // under an hour
  auto alive = make(fmt::format("pyjudge-box-{}-ghi789", getpid()), true);
  auto unnamed = make("pyjudge-box-Xy12Zq", true);  // no pid: an older pyjudge's name
  uint64_t ns = sandbox::pid_namespace_id();
  auto abandoned_ns = make(fmt::format("pyjudge-box-{}-{}-jkl012", gone, ns), true);
  auto other_ns = make(fmt::format("pyjudge-box-{}-{}-mno345", gone, ns + 1), true);
  auto other = make("not-pyjudge-123-abc", true);
  std::filesystem::create_directory_symlink(other,
                                            tmp.path() / fmt::format("pyjudge-box-{}-lnk", gone));
  judge::sweep_abandoned_scratch(tmp.path());
  CHECK_FALSE(std::filesystem::exists(abandoned));
  CHECK_FALSE(std::filesystem::exists(abandoned_ns));
  CHECK(std::filesystem::exists(other_ns));  // another pid namespace's: its pid means nothing
  CHECK(std::filesystem::exists(recent));
  CHECK(std::filesystem::exists(alive));
  CHECK(std::filesystem::exists(unnamed));
  CHECK(std::filesystem::exists(other / "inside" / "left.txt"));  // a link is not followed
}

TEST_CASE("pool: cgroups of a pyjudge killed outright are removed by the next one") {
  namespace fs = std::filesystem;
  // Where this process's pyjudge makes its v1 pids cgroups (as root): its own cgroup's folder.
  std::string own;
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    size_t a = line.find(':');
    size_t b = line.find(':', a + 1);
    if (a != std::string::npos && b != std::string::npos &&
        ("," + line.substr(a + 1, b - a - 1) + ",").find(",pids,") != std::string::npos) {
      own = line.substr(b + 1);
    }
  }
  fs::path parent = fs::path("/sys/fs/cgroup/pids") / (own == "/" ? "" : own.substr(1));
  if (geteuid() != 0 || own.empty() || !fs::is_directory(parent)) {
    MESSAGE("skipped: no cgroup v1 pids hierarchy that pyjudge uses as root here");
    return;
  }
  pid_t gone = fork();
  REQUIRE(gone >= 0);
  if (gone == 0) {
    _exit(0);
  }
  REQUIRE(waitpid(gone, nullptr, 0) == gone);  // a pid that is nobody's now
  struct stat ns {};
  REQUIRE(stat("/proc/self/ns/pid", &ns) == 0);
  auto make = [&](const std::string& name) {
    fs::path p = parent / name;
    REQUIRE(mkdir(p.c_str(), 0755) == 0);
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(2));
    return p;
  };
  fs::path abandoned = make(fmt::format("pyjudge-{}-0-{}", gone, ns.st_ino));
  fs::path other_ns = make(fmt::format("pyjudge-{}-1-{}", gone, ns.st_ino + 1));
  fs::path alive = make(fmt::format("pyjudge-{}-2-{}", getpid(), ns.st_ino));
  // The next pyjudge (a process of its own: the sweep runs once per process).
  testing::ShellRun run = testing::shell(
      fmt::format("{} submit {} {} --no-history 2>&1", PYJUDGE_CLI_PATH,
                  (testing::fixtures() / "challenges" / "add").string(),
                  (testing::fixtures() / "challenges" / "add" / "reference.py").string()));
  INFO(run.out);
  CHECK_FALSE(fs::exists(abandoned));
  CHECK(fs::exists(other_ns));  // another pid namespace's pid says nothing here
  CHECK(fs::exists(alive));
  rmdir(abandoned.c_str());  // in case the pid was taken again before the sweep
  rmdir(other_ns.c_str());
  rmdir(alive.c_str());
}

}  // namespace
}  // namespace pyjudge
