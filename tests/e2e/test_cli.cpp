// The command line as a user meets it: exit statuses, --help, --json, errors.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "judge/cli.hpp"
#include "support.hpp"

using namespace pyjudge;
using pyjudge::testing::ScopedTempDir;
namespace fs = std::filesystem;

namespace {

using Run = testing::CliRun;
using testing::cli;
using testing::harness_flag;

std::string add_dir() {
  return (testing::fixtures() / "challenges" / "add").string();
}

}  // namespace

TEST_CASE("cli: help and usage errors") {
  Run help = cli({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("submit") != std::string::npos);
  CHECK(help.out.find("Exit status") != std::string::npos);
  Run sub_help = cli({"submit", "--help"});
  CHECK(sub_help.status == 0);
  CHECK(sub_help.out.find("CHALLENGE") != std::string::npos);
  CHECK(cli({}).status == 2);
  Run missing = cli({"submit", "two-sum"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("FILE") != std::string::npos);
  Run unknown = cli({"-v", "frobnicate"});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown command `frobnicate`; the commands are: submit, test") !=
        std::string::npos);
  Run jobs = cli({"submit", "two-sum", "x.py", "-j", "abc"});
  CHECK(jobs.status == 2);
  CHECK(jobs.err.find("must be a whole number from 1 to 256, got `abc`") != std::string::npos);
  CHECK(cli({"--version"}).out.find("pyjudge ") == 0);
  // Each command's help says what its exit status means for it.
  CHECK(cli({"batch", "--help"}).out.find("130 stopped by Ctrl-C") != std::string::npos);
  CHECK(cli({"validate", "--help"}).out.find("1 some check failed") != std::string::npos);
}

TEST_CASE("cli: unknown challenge, missing file, malformed spec") {
  ScopedTempDir tmp;
  auto sol = tmp.write("sol.py", "def add(a, b): return a + b\n");
  Run unknown = cli({"submit", "three-sum", sol.string()});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown challenge `three-sum`") != std::string::npos);
  Run nofile = cli({"submit", add_dir(), (tmp.path() / "nope.py").string()});
  CHECK(nofile.status == 2);
  CHECK(nofile.err.find("no such file") != std::string::npos);
  // A folder or a pipe is named as what it is, not as missing (a pipe would block).
  Run folder = cli({"submit", add_dir(), tmp.path().string()});
  CHECK(folder.status == 2);
  CHECK(folder.err.find("is a folder, not a file") != std::string::npos);
  REQUIRE(mkfifo((tmp.path() / "pipe.py").c_str(), 0644) == 0);
  Run pipe = cli({"submit", add_dir(), (tmp.path() / "pipe.py").string()});
  CHECK(pipe.status == 2);
  CHECK(pipe.err.find("is not a regular file") != std::string::npos);
  // A path that cannot be looked at says why (root reads any file, so no permission case).
  std::filesystem::create_symlink("loop.py", tmp.path() / "loop.py");
  Run loop = cli({"submit", add_dir(), (tmp.path() / "loop.py").string()});
  CHECK(loop.status == 2);
  CHECK(loop.err.find("loop.py: Too many levels of symbolic links (give the path to a .py file "
                      "you can read)") != std::string::npos);
  // A challenges folder that does not exist is said to be missing, not listed as empty.
  const char* env = std::getenv("PYJUDGE_CHALLENGES");
  std::string saved = env != nullptr ? env : "";
  setenv("PYJUDGE_CHALLENGES", (tmp.path() / "nowhere").c_str(), 1);
  Run none = cli({"list"});
  if (env != nullptr) {
    setenv("PYJUDGE_CHALLENGES", saved.c_str(), 1);
  } else {
    unsetenv("PYJUDGE_CHALLENGES");
  }
  CHECK(none.status == 2);
  CHECK(none.err.find("does not exist (it is $PYJUDGE_CHALLENGES)") != std::string::npos);
  tmp.write("bad/challenge.yaml", "id: bad\ntitle: [unclosed\n");
  Run bad = cli({"submit", (tmp.path() / "bad").string(), sol.string()});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("challenge.yaml:3:1: YAML syntax error") != std::string::npos);
  // With --json the error is a document on stdout too.
  Run bad_json = cli({"submit", (tmp.path() / "bad").string(), sol.string(), "--json"});
  CHECK(bad_json.status == 2);
  auto bad_doc = nlohmann::json::parse(bad_json.out);
  CHECK(bad_doc["error"].get<std::string>().find("challenge.yaml:3:1: YAML syntax error") !=
        std::string::npos);
  Run nofile_json = cli({"submit", add_dir(), (tmp.path() / "nope.py").string(), "--json"});
  CHECK(nofile_json.status == 2);
  auto nofile_doc = nlohmann::json::parse(nofile_json.out);
  CHECK(nofile_doc["file"] == (tmp.path() / "nope.py").string());
  CHECK(nofile_doc["error"].get<std::string>().find("no such file") != std::string::npos);
  // A path that is not there, and the file given where the challenge goes.
  Run nodir = cli({"submit", (tmp.path() / "no-such-dir").string(), sol.string()});
  CHECK(nodir.status == 2);
  CHECK(nodir.err.find("no such folder or file `" + (tmp.path() / "no-such-dir").string()) !=
        std::string::npos);
  Run swapped = cli({"submit", sol.string(), add_dir()});
  CHECK(swapped.status == 2);
  CHECK(swapped.err.find("is a Python file, not a challenge: the challenge comes first") !=
        std::string::npos);
}

TEST_CASE("cli: accepted, rejected and internal error statuses") {
  ScopedTempDir tmp;
  auto good = tmp.write("good.py", "def add(a, b):\n    return a + b\n");
  auto bad = tmp.write("bad.py", "def add(a, b):\n    return a - b\n");
  CHECK(cli({"submit", add_dir(), good.string(), harness_flag()}).status == 0);
  Run wa = cli({"submit", add_dir(), bad.string(), harness_flag(), "--color=never"});
  CHECK(wa.status == 1);
  CHECK(wa.out.find("First failing sample: small") != std::string::npos);
  CHECK(wa.out.find("expected  3") != std::string::npos);
  CHECK(wa.out.find("got       -1") != std::string::npos);
  CHECK(wa.out.find("\x1b[") == std::string::npos);
  Run colour = cli({"submit", add_dir(), bad.string(), harness_flag(), "--color=always"});
  CHECK(colour.out.find("\x1b[31m") != std::string::npos);
  Run ie = cli({"submit", add_dir(), good.string(), "--harness=/nonexistent"});
  CHECK(ie.status == 3);
}

TEST_CASE("cli: --json has the documented shape") {
  ScopedTempDir tmp;
  auto bad = tmp.write("bad.py", "def add(a, b):\n    return a - b\n");
  Run r = cli({"submit", add_dir(), bad.string(), harness_flag(), "--json"});
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["challenge"] == "add");
  CHECK(j["verdict"] == "WA");
  CHECK(j["score"].is_number());
  REQUIRE(j["tests"].size() == 3);
  for (const auto& t : j["tests"]) {
    for (const char* key : {"name", "sample", "verdict", "time_ms", "message"}) {
      CHECK_MESSAGE(t.contains(key), key);
    }
  }
  CHECK(j["tests"][0]["sample"] == true);
  CHECK(j["tests"][0]["got"] == "-1");
}

TEST_CASE("cli: several files are judged side by side, one line or object each, in order") {
  ScopedTempDir tmp;
  std::vector<std::string> args = {"submit", add_dir()};
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {  // alternately right and wrong, to catch any reordering
    std::string name = "s" + std::to_string(i) + ".py";
    tmp.write(name, i % 2 == 0 ? "def add(a, b):\n    return a + b\n"
                               : "def add(a, b):\n    return a * b\n");
    args.push_back((tmp.path() / name).string());
  }
  args.push_back(harness_flag());
  std::vector<std::string> json_args = args;
  json_args.push_back("--json");
  Run r = cli(json_args);
  CHECK(r.status == 1);  // some rejected
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 6);
  for (size_t i = 0; i < 6; ++i) {
    CHECK(j[i]["file"] == args[2 + i]);
    CHECK(j[i]["verdict"] == (i % 2 == 0 ? "AC" : "WA"));
  }
  std::vector<std::string> text_args = args;
  text_args.push_back("--color=never");
  Run text = cli(text_args);
  CHECK(text.out.find("Accepted: 3 of 6 files") != std::string::npos);
  CHECK(text.out.find("AC        3/3  100.0") != std::string::npos);
  // An unreadable file is reported in its place; the others are still judged.
  Run missing = cli({"submit", add_dir(), args[2], (tmp.path() / "nope.py").string(),
                     harness_flag(), "--json", "--jobs", "1"});
  CHECK(missing.status == 2);
  auto m = nlohmann::json::parse(missing.out);
  REQUIRE(m.size() == 2);
  CHECK(m[0]["verdict"] == "AC");
  CHECK(m[1]["error"].get<std::string>().find("nope.py") != std::string::npos);
  CHECK(cli({"submit", add_dir(), args[2], args[4], harness_flag()}).status == 0);
  CHECK(cli({"submit", add_dir(), args[2], args[4], harness_flag(), "--jobs", "0"}).status == 2);
}

TEST_CASE("cli: NO_COLOR and a non-terminal never get escape codes") {
  ScopedTempDir tmp;
  auto bad = tmp.write("bad.py", "def add(a, b):\n    return 0\n");
  setenv("NO_COLOR", "1", 1);
  Run r = cli({"submit", add_dir(), bad.string(), harness_flag()});
  unsetenv("NO_COLOR");
  CHECK(r.out.find("\x1b[") == std::string::npos);
}

namespace {

// Runs the real pyjudge binary under a seccomp filter that makes seccomp itself unavailable
// (as on a kernel without it), returning its exit status and what it printed.
Run run_without_seccomp(const std::vector<std::string>& args) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(out[1], 2);
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(seccomp), 0);
    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(prctl), 1,
                     SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP));
    if (seccomp_load(ctx) != 0) {
      _exit(99);
    }
    std::vector<const char*> argv{PYJUDGE_CLI_PATH};
    for (const auto& a : args) {
      argv.push_back(a.c_str());
    }
    argv.push_back(nullptr);
    execv(PYJUDGE_CLI_PATH, const_cast<char* const*>(argv.data()));
    _exit(98);
  }
  close(out[1]);
  Run r;
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(out[0], buf, sizeof buf)) > 0) {
    r.out.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace

TEST_CASE("cli: without seccomp pyjudge refuses to judge, unless told it is unsafe") {
  ScopedTempDir tmp;
  auto good = tmp.write("good.py", "def add(a, b):\n    return a + b\n");
  Run refused = run_without_seccomp({"submit", add_dir(), good.string()});
  CHECK(refused.status == 3);
  CHECK(refused.out.find("refusing to judge") != std::string::npos);
  CHECK(refused.out.find("--unsafe-no-sandbox") != std::string::npos);
  Run doctor = run_without_seccomp({"doctor"});
  CHECK(doctor.status == 1);
  CHECK(doctor.out.find("NO  seccomp") != std::string::npos);
  Run unsafe = run_without_seccomp({"submit", add_dir(), good.string(), "--unsafe-no-sandbox"});
  CHECK(unsafe.status == 0);
  CHECK(unsafe.out.find("warning: --unsafe-no-sandbox") != std::string::npos);
}

TEST_CASE("cli: doctor reports every layer and the Python runtime") {
  Run r = cli({"doctor", "--json", harness_flag()});
  CHECK(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["minimum_holds"] == true);
  CHECK(j["python"].get<std::string>().starts_with("3.11"));
  std::vector<std::string> layers;
  bool on_ci = std::getenv("CI") != nullptr;
  for (const auto& l : j["layers"]) {
    layers.push_back(l["layer"]);
    if (l["required"] == true || on_ci) {  // CI machines offer every layer
      CHECK_MESSAGE(l["available"] == true, l["layer"] << ": " << l["detail"]);
    } else if (l["available"] == false) {
      MESSAGE("this host lacks " << l["layer"] << ": " << l["detail"]);
    }
  }
  CHECK(layers == std::vector<std::string>{"rlimits", "seccomp", "landlock", "identity",
                                           "namespaces", "cgroups"});
  CHECK(j["harness_starts"] == true);
  // Without a harness that starts, pyjudge cannot judge: not a success, and it says what to do.
  ScopedTempDir tmp;
  Run none = cli({"doctor", "--harness", (tmp.path() / "missing").string()});
  CHECK(none.status == 1);
  CHECK(none.out.find("did not start, so pyjudge cannot judge") != std::string::npos);
  CHECK(none.out.find("holds: pyjudge judges") == std::string::npos);
  CHECK(none.out.find("(unknown: the harness did not start)") != std::string::npos);
}

TEST_CASE("cli: Ctrl-C during a submit ends it with 130 and leaves no cgroup or box folder") {
  ScopedTempDir dir;
  fs::path slow = dir.write("slow.py", "import time\ndef add(a, b):\n    time.sleep(2)\n");
  fs::path log = dir.path() / "run.log";
  const auto started = fs::file_time_type::clock::now() - std::chrono::seconds(1);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    signal(SIGINT, SIG_DFL);  // as from a terminal, whatever the test runner ignores
    std::string add = (testing::fixtures() / "challenges" / "add").string();
    std::vector<std::string> args = {PYJUDGE_CLI_PATH, "submit", add, slow.string()};
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    execv(PYJUDGE_CLI_PATH, argv.data());
    _exit(127);
  }
  // Folders and cgroups named after this pyjudge's pid.
  std::string mine = fmt::format("pyjudge-box-{}-", pid);
  std::string cgroup_mine = fmt::format("pyjudge-{}-", pid);
  // Made by this run: a folder of an earlier run whose pid was the same is older.
  auto this_run = [started](const fs::path& p) {
    std::error_code ec;
    auto t = fs::last_write_time(p, ec);
    return !ec && t >= started;
  };
  auto scratch = [&] {
    int n = 0;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path())) {
      n += e.path().filename().string().starts_with(mine) && this_run(e.path()) ? 1 : 0;
    }
    return n;
  };
  auto cgroups = [&] {
    int n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator
             it("/sys/fs/cgroup", fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it.depth() >= 8) {  // a delegated v2 tree sits deeper than v1's hierarchies
        it.disable_recursion_pending();
      }
      n += it->path().filename().string().starts_with(cgroup_mine) && this_run(it->path()) ? 1 : 0;
    }
    return n;
  };
  bool running = false;  // a box is sleeping in the candidate's call
  for (int i = 0; i < 200 && !running; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    running = scratch() > 0;
  }
  REQUIRE(running);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  bool with_cgroups = cgroups() > 0;
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  std::string text = testing::read_file(log);
  INFO(text);
  // Ended by the signal itself, after the clean-up: a shell loop running pyjudge stops too.
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK(text.find("pyjudge: interrupted (Ctrl-C)") != std::string::npos);
  CHECK(scratch() == 0);
  if (with_cgroups) {
    CHECK(cgroups() == 0);
  } else {
    MESSAGE("cgroups not checked: this host gives pyjudge none (see pyjudge doctor)");
  }
}

TEST_CASE("cli: in colour, columns and labels line up as without it") {
  ScopedTempDir dir;
  fs::path file = dir.write("minus.py", "def add(a, b):\n    return a - b\n");
  std::string add = (testing::fixtures() / "challenges" / "add").string();
  Run colour = cli({"submit", harness_flag(), add, file.string(), "--color", "always"});
  Run plain = cli({"submit", harness_flag(), add, file.string(), "--color", "never"});
  std::string stripped;
  for (size_t i = 0; i < colour.out.size(); ++i) {
    if (colour.out[i] == '\x1b') {
      i = colour.out.find('m', i);
      continue;
    }
    stripped += colour.out[i];
  }
  CHECK(colour.out.find('\x1b') != std::string::npos);
  CHECK(plain.out.find('\x1b') == std::string::npos);
  // The time column's right edge, row by row (times differ between runs; their edge not).
  auto time_edges = [](const std::string& text) {
    std::vector<size_t> edges;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("  WA ") || line.starts_with("  AC ")) {
        edges.push_back(line.find("s  "));
      }
    }
    return edges;
  };
  CHECK(time_edges(stripped).size() == 3);
  CHECK(time_edges(stripped) == time_edges(plain.out));
  CHECK(stripped.find("  input     a = 1, b = 2\n") != std::string::npos);
  CHECK(stripped.find("  got       -1\n") != std::string::npos);
}
