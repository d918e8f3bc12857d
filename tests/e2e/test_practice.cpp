// Practising from the terminal: list, show, init, test, progress, submit --watch, and the
// SQLite history behind them — also when that database is corrupt or locked.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "judge/history.hpp"
#include "judge/spec.hpp"
#include "support.hpp"

using namespace pyjudge;
using pyjudge::testing::ScopedTempDir;

namespace {

using Run = testing::CliRun;
using testing::cli;
using testing::harness_flag;
namespace fs = std::filesystem;

// The history of this test alone: XDG_DATA_HOME points into a temporary folder.
class ScopedDataHome {
 public:
  ScopedDataHome() {
    const char* old = std::getenv("XDG_DATA_HOME");
    if (old != nullptr) {
      old_ = old;
    }
    setenv("XDG_DATA_HOME", dir_.path().c_str(), 1);
  }
  ScopedDataHome(const ScopedDataHome&) = delete;
  ScopedDataHome& operator=(const ScopedDataHome&) = delete;
  ~ScopedDataHome() {
    if (old_) {
      setenv("XDG_DATA_HOME", old_->c_str(), 1);
    } else {
      unsetenv("XDG_DATA_HOME");
    }
  }
  [[nodiscard]] fs::path db() const { return dir_.path() / "pyjudge" / "history.sqlite3"; }
  // How many runs the history holds (none when it was never made).
  [[nodiscard]] int64_t rows() const {
    if (!fs::exists(db())) {
      return 0;
    }
    auto h = judge::History::open(db());
    REQUIRE(h.ok());
    return *h->count();
  }

 private:
  ScopedTempDir dir_;
  std::optional<std::string> old_;
};

std::string bundled(const std::string& id, const std::string& file) {
  return (testing::source_dir() / "challenges" / id / file).string();
}

std::map<std::string, std::string> statuses() {
  Run r = cli({"list", "--json"});
  REQUIRE(r.status == 0);
  std::map<std::string, std::string> out;
  for (const auto& c : nlohmann::json::parse(r.out)) {
    out[c["id"].get<std::string>()] = c["status"].get<std::string>();
  }
  return out;
}

size_t bundled_count() {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "challenges")) {
    n += fs::exists(e.path() / "challenge.yaml") ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("practice: list shows every bundled challenge and its status from the history") {
  ScopedDataHome home;
  auto before = statuses();
  CHECK(before.size() == bundled_count());
  for (const auto& [id, status] : before) {
    CHECK_MESSAGE(status == "new", id);
  }
  CHECK(cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
             "--no-performance"})
            .status == 0);
  CHECK(cli({"submit", harness_flag(), "fibonacci", bundled("fibonacci", "wrong/starts_at_one.py")})
            .status == 1);
  auto after = statuses();
  CHECK(after["two-sum"] == "solved");
  CHECK(after["fibonacci"] == "attempted");
  CHECK(after["lru-cache"] == "new");

  Run solved = cli({"list", "--status", "solved", "--json"});
  auto only = nlohmann::json::parse(solved.out);
  REQUIRE(only.size() == 1);
  CHECK(only[0]["id"] == "two-sum");
  Run tagged = cli({"list", "--tag", "linked-list", "--difficulty", "medium", "--json"});
  for (const auto& c : nlohmann::json::parse(tagged.out)) {
    CHECK(c["difficulty"] == "medium");
    auto tags = c["tags"].get<std::vector<std::string>>();
    CHECK(std::find(tags.begin(), tags.end(), "linked-list") != tags.end());
  }
  Run text = cli({"list"});
  CHECK(text.out.find("two-sum") != std::string::npos);
  CHECK(text.out.find("1 solved · 1 attempted") != std::string::npos);
  CHECK(cli({"list", "--difficulty", "impossible"}).status == 2);
}

TEST_CASE("practice: every bundled challenge meets the catalogue's bar") {
  // Statement with constraints and examples, samples, at least 12 hidden tests, two declared
  // wrong solutions, and for a script challenge a starter file.
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "challenges")) {
    auto c = judge::load_challenge(e.path());
    REQUIRE_MESSAGE(c.ok(), e.path().string());
    size_t samples = 0;
    size_t hidden = 0;
    for (const auto& t : c->tests) {
      (t.sample ? samples : hidden) += 1;
    }
    if (c->generated) {
      for (const auto& g : c->generated->cases) {
        (g.sample ? samples : hidden) += 1;
      }
    }
    INFO(c->id);
    CHECK(samples >= 2);
    CHECK(hidden >= 12);
    CHECK(c->wrong.size() >= 2);
    CHECK(!c->difficulty.empty());
    CHECK(!c->tags.empty());
    CHECK(c->statement.find("Constraints") != std::string::npos);
    CHECK(c->statement.find("Example") != std::string::npos);
    if (c->kind == judge::ChallengeKind::script) {
      CHECK(!c->starter.empty());
    }
  }
}

TEST_CASE("practice: show renders the statement, signature and samples, never a hidden test") {
  Run r = cli({"show", "two-sum", "--color", "never"});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("two-sum · Two Sum") != std::string::npos);
  CHECK(r.out.find("Signature") != std::string::npos);
  CHECK(r.out.find("def two_sum(nums: list[int], target: int) -> list[int]") != std::string::npos);
  CHECK(r.out.find("nums = [2, 7, 11, 15], target = 9") != std::string::npos);
  CHECK(r.out.find("```") == std::string::npos);  // code fences become indented blocks
  CHECK(r.out.find("\x1b[") == std::string::npos);
  auto c = judge::load_challenge(testing::source_dir() / "challenges" / "two-sum");
  REQUIRE(c.ok());
  for (const auto& t : c->tests) {
    if (!t.sample) {
      CHECK_MESSAGE(r.out.find(t.name) == std::string::npos, t.name);
    }
  }
  Run missing = cli({"show", "no-such-challenge"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no-such-challenge") != std::string::npos);
}

TEST_CASE("practice: init writes a stub that loads, and never overwrites a file") {
  ScopedDataHome home;
  ScopedTempDir dir;
  fs::path file = dir.path() / "two_sum.py";
  Run r = cli({"init", "two-sum", "-o", file.string()});
  REQUIRE(r.status == 0);
  std::string stub = testing::read_file(file);
  CHECK(stub.find("def two_sum(nums: list[int], target: int) -> list[int]:") != std::string::npos);
  CHECK(stub.find("#     two_sum(nums = [2, 7, 11, 15], target = 9)") != std::string::npos);
  CHECK(stub.find("pyjudge test two-sum two_sum.py") != std::string::npos);

  // The stub is judged (a wrong answer, not a compile error).
  Run judged = cli({"test", harness_flag(), "two-sum", file.string()});
  CHECK(judged.status == 1);
  CHECK(judged.out.find("WA") != std::string::npos);

  // A file that exists stays as it is.
  std::ofstream(file) << "# my work\n";
  Run again = cli({"init", "two-sum", "-o", file.string()});
  CHECK(again.status == 2);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(testing::read_file(file) == "# my work\n");
  CHECK(cli({"init", "two-sum", "-o", file.string(), "--force"}).status == 0);
  CHECK(testing::read_file(file) == stub);
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);
  // A folder given to -o is named as such, not as a file to --force over.
  Run folder = cli({"init", "two-sum", "-o", dir.path().string(), "--force"});
  CHECK(folder.status == 2);
  CHECK(folder.err.find("is a folder: give -o a file name") != std::string::npos);

  // Nodes and typing names: the stub still runs as a plain file.
  fs::path list = dir.path() / "rev.py";
  REQUIRE(cli({"init", "reverse-linked-list", "-o", list.string()}).status == 0);
  std::string text = testing::read_file(list);
  CHECK(text.find("from __future__ import annotations") != std::string::npos);
  CHECK(text.find("from typing import Optional") != std::string::npos);
  CHECK(text.find("# ListNode is predefined") != std::string::npos);
  // A script challenge gets its starter file.
  fs::path script = dir.path() / "rl.py";
  REQUIRE(cli({"init", "rate-limiter", "-o", script.string()}).status == 0);
  CHECK(testing::read_file(script).find(
            testing::read_file(bundled("rate-limiter", "starter.py"))) != std::string::npos);
}

TEST_CASE("practice: test runs only the samples and shows every failing one in full") {
  ScopedDataHome home;
  ScopedTempDir dir;
  fs::path wrong = dir.write("fib.py",
                             "def fib():\n    a, b = 1, 1\n    while True:\n"
                             "        yield a\n        a, b = b, a + b\n");
  Run r = cli({"test", harness_flag(), "fibonacci", wrong.string(), "--json"});
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["samples_only"] == true);
  auto c = judge::load_challenge(testing::source_dir() / "challenges" / "fibonacci");
  REQUIRE(c.ok());
  size_t samples = 0;
  for (const auto& t : c->tests) {
    samples += t.sample ? 1 : 0;
  }
  CHECK(j["tests"].size() == samples);

  Run text = cli({"test", harness_flag(), "fibonacci", wrong.string()});
  // Every failing sample in full, not only the first.
  for (const auto& t : c->tests) {
    if (t.sample) {
      CHECK(text.out.find(t.name + " · WA (wrong answer)") != std::string::npos);
    }
  }
  CHECK(text.out.find(fmt::format("Samples: 0/{} passed", samples)) != std::string::npos);

  // Multi-line output gets a line diff.
  fs::path program = dir.write("pairs.py",
                               "import sys\nlines = sys.stdin.read().split('\\n')\n"
                               "for line in lines[1:]:\n    if line:\n"
                               "        a, b = map(int, line.split())\n        print(a + b + "
                               "(1 if a == 10 else 0))\n");
  Run diff = cli({"test", harness_flag(),
                  (testing::fixtures() / "challenges" / "sum-pairs").string(), program.string()});
  CHECK(diff.status == 1);
  CHECK(diff.out.find("- expected  + got") != std::string::npos);
  CHECK(diff.out.find("- 6") != std::string::npos);
  CHECK(diff.out.find("+ 7") != std::string::npos);
  CHECK(diff.out.find("  3") != std::string::npos);

  Run ok = cli({"test", harness_flag(), "fibonacci", bundled("fibonacci", "reference.py")});
  CHECK(ok.status == 0);
  CHECK(ok.out.find("next: pyjudge submit fibonacci") != std::string::npos);
  // A sample-only run counts as an attempt, never as solved.
  CHECK(statuses()["fibonacci"] == "attempted");
}

TEST_CASE("practice: progress counts what was solved by difficulty and tag, and the best speed") {
  ScopedDataHome home;
  Run empty = cli({"progress", "--json"});
  REQUIRE(empty.status == 0);
  CHECK(nlohmann::json::parse(empty.out)["solved"] == 0);
  CHECK_FALSE(fs::exists(home.db().parent_path()));  // reading makes no history
  CHECK(cli({"list"}).status == 0);
  CHECK_FALSE(fs::exists(home.db().parent_path()));
  REQUIRE(
      cli({"submit", harness_flag(), "sum-of-squares", bundled("sum-of-squares", "reference.py")})
          .status == 0);
  REQUIRE(
      cli({"submit", harness_flag(), "fibonacci", bundled("fibonacci", "wrong/starts_at_one.py")})
          .status == 1);
  auto j = nlohmann::json::parse(cli({"progress", "--json"}).out);
  CHECK(j["solved"] == 1);
  CHECK(j["attempted"] == 1);
  CHECK(j["submissions"] == 2);
  CHECK(j["by_difficulty"]["easy"]["solved"] == 1);
  CHECK(j["by_tag"]["math"]["solved"] == 1);
  bool found = false;
  for (const auto& c : j["challenges"]) {
    if (c["id"] == "sum-of-squares") {
      found = true;
      CHECK(c["status"] == "solved");
      CHECK(c["best_speed_ratio"].is_number());  // it has a performance section
    }
  }
  CHECK(found);
  Run text = cli({"progress"});
  CHECK(text.out.find("Progress · 1 of") != std::string::npos);
  CHECK(text.out.find("sum-of-squares") != std::string::npos);
}

TEST_CASE("practice: a corrupt history is reported, left untouched, and the verdict stands") {
  ScopedDataHome home;
  fs::create_directories(home.db().parent_path());
  const std::string garbage(4096, 'x');
  std::ofstream(home.db(), std::ios::binary) << garbage;
  Run r = cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
               "--no-performance"});
  CHECK(r.status == 0);  // the judgement is not the history's business
  CHECK(r.err.find("not in your practice history") != std::string::npos);
  CHECK(r.err.find("damaged") != std::string::npos);
  CHECK(r.err.find("mv ") != std::string::npos);
  CHECK(testing::read_file(home.db()) == garbage);
  Run progress = cli({"progress"});
  CHECK(progress.status == 2);
  CHECK(progress.err.find(home.db().string()) != std::string::npos);
  Run list = cli({"list", "--json"});
  CHECK(list.status == 0);
  CHECK(nlohmann::json::parse(list.out)[0]["status"] == "?");
  CHECK(testing::read_file(home.db()) == garbage);

  // An SQLite file that is someone else's database is not ours to write either.
  fs::remove(home.db());
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(home.db().c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "CREATE TABLE notes (x TEXT)", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(other);
  Run foreign = cli({"progress"});
  CHECK(foreign.status == 2);
  CHECK(foreign.err.find("not a pyjudge history") != std::string::npos);
}

TEST_CASE("practice: a locked history is reported, and no earlier row is lost") {
  ScopedDataHome home;
  REQUIRE(cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
               "--no-performance"})
              .status == 0);
  sqlite3* lock = nullptr;
  REQUIRE(sqlite3_open(home.db().c_str(), &lock) == SQLITE_OK);
  REQUIRE(sqlite3_exec(lock, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  Run r = cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
               "--no-performance"});
  CHECK(r.status == 0);
  CHECK(r.err.find("locked") != std::string::npos);
  sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(lock);
  REQUIRE(cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
               "--no-performance"})
              .status == 0);
  CHECK(home.rows() == 2);  // the first and the third; the locked-out one said so
  // --no-history leaves it alone.
  CHECK(cli({"submit", harness_flag(), "two-sum", bundled("two-sum", "reference.py"),
             "--no-performance", "--no-history"})
            .status == 0);
  CHECK(home.rows() == 2);
}

TEST_CASE("practice: submit --watch judges again each time the file is saved") {
  ScopedDataHome home;
  ScopedTempDir dir;
  fs::path file = dir.write("two_sum.py", "def two_sum(nums, target):\n    return [0, 0]\n");
  fs::path log = dir.path() / "watch.log";
  fs::path status_log = dir.path() / "status.log";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int status_fd = open(status_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(status_fd, 2);
    execl(PYJUDGE_CLI_PATH, PYJUDGE_CLI_PATH, "submit", "two-sum", file.c_str(), "--watch",
          "--no-performance", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Waits until the status lines (on stderr: stdout holds only the reports) show `runs`
  // finished runs (or 60 s pass), and returns the reports.
  auto runs_seen = [&](size_t runs) {
    for (int i = 0; i < 1200; ++i) {
      std::string text = testing::read_file(status_log);
      size_t n = 0;
      for (size_t at = text.find("exit status"); at != std::string::npos;
           at = text.find("exit status", at + 1)) {
        ++n;
      }
      if (n >= runs) {
        return testing::read_file(log);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::string();
  };
  std::string first = runs_seen(1);
  CHECK(first.find("Verdict: WA") != std::string::npos);
  CHECK(first.find("exit status") == std::string::npos);
  // Saved the way editors do: a new file renamed over the old one.
  fs::path tmp =
      dir.write(".two_sum.py.swp", testing::read_file(bundled("two-sum", "reference.py")));
  fs::rename(tmp, file);
  std::string second = runs_seen(2);
  CHECK(second.find("Verdict: AC") != std::string::npos);
  // Saved in place.
  std::ofstream(file, std::ios::app) << "\n# tidied\n";
  std::string third = runs_seen(3);
  CHECK(!third.empty());
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));  // ended by the signal, after its boxes were cleaned up
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(home.rows() == 3);  // each run is in the history
}

TEST_CASE("practice: an internal error is not an attempt in the history") {
  ScopedDataHome home;
  ScopedTempDir dir;
  fs::path file = dir.write("two_sum.py", "def two_sum(nums, target):\n    return [0, 1]\n");
  std::string missing = (dir.path() / "no-harness").string();
  auto r = testing::cli({"test", "two-sum", file.string(), "--harness", missing});
  CHECK(r.status == 3);
  CHECK((r.out + r.err).find("--harness or $PYJUDGE_HARNESS") != std::string::npos);
  CHECK(home.rows() == 0);
}

TEST_CASE("practice: submit --watch of an unknown challenge stops at once") {
  ScopedDataHome home;
  ScopedTempDir dir;
  fs::path file = dir.write("two_sum.py", "def two_sum(nums, target):\n    return [0, 1]\n");
  auto r = testing::cli({"submit", "no-such-challenge", file.string(), "--watch"});
  CHECK(r.status == 2);
  CHECK(r.err.find("no-such-challenge") != std::string::npos);
  CHECK(r.err.find("watching") == std::string::npos);
}
