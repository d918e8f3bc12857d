// `pyjudge batch` end to end: a folder of 20+ generated candidates (correct, wrong, slow,
// crashing, hostile, near-copies with renamed variables, folders, zips good and bad), the
// ranking and flags, and --resume after the batch was killed.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "judge/value.hpp"
#include "support.hpp"

using namespace pyjudge;
using pyjudge::testing::ScopedTempDir;

namespace {

using Run = testing::CliRun;
using testing::cli;
using testing::harness_flag;
namespace fs = std::filesystem;
using json = nlohmann::json;

const char* k_alice = R"("""Sum of squares, in closed form."""


def _check(n):
    if not isinstance(n, int) or n < 0:
        raise ValueError("n must be a natural number")
    return n


def _closed_form(n):
    # 1^2 + ... + n^2 = n (n + 1) (2n + 1) / 6, exact in integers
    first = n
    second = n + 1
    third = 2 * n + 1
    product = first * second * third
    return product // 6


def sum_of_squares(n):
    n = _check(n)
    if n == 0:
        return 0
    total = _closed_form(n)
    assert total >= n
    return total
)";

// alice's file with every name changed and the comments rewritten.
const char* k_bob = R"(# my own work


def validate(value):
    if not isinstance(value, int) or value < 0:
        raise ValueError("bad input")
    return value


def formula(k):
    a = k
    b = k + 1
    c = 2 * k + 1
    prod = a * b * c
    return prod // 6


def sum_of_squares(x):
    x = validate(x)
    if x == 0:
        return 0
    result = formula(x)
    assert result >= x
    return result
)";

// Debian's Python writes the zips (zipfile lets a test write what an attacker would).
void make_zip(const fs::path& zip, const std::string& python_entries) {
  std::string script = "import zipfile\nz = zipfile.ZipFile(" + json(zip.string()).dump() +
                       ", 'w')\n" + python_entries + "z.close()\n";
  fs::path py = zip.parent_path() / (zip.stem().string() + "_make.py");
  std::ofstream(py) << script;
  REQUIRE(std::system(("/usr/bin/python3.11 " + py.string()).c_str()) == 0);
  fs::remove(py);
}

// The candidates, in one folder; returns their paths.
std::vector<std::string> make_candidates(const ScopedTempDir& dir) {
  fs::path in = dir.path() / "in";
  std::vector<std::string> out;
  auto add = [&](const std::string& name, const std::string& text) {
    fs::path p = in / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    out.push_back(p.string());
  };
  add("alice.py", k_alice);
  add("bob.py", k_bob);
  add("carol.py", "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n");
  add("dave.py", "def sum_of_squares(n):\n    return (n - 1) * n * (2 * n - 1) // 6\n");
  add("erin.py",
      "def sum_of_squares(n):\n    total = 0\n    for i in range(1, n + 1):\n"
      "        total += i * i\n    return total\n");
  add("frank.py", "def sum_of_squares(n):\n    return [1, 2, 3][n]\n");
  add("grace.py",
      "import socket\n\ndef sum_of_squares(n):\n"
      "    socket.create_connection(('example.com', 80))\n    return 0\n");
  add("heidi.py",
      "def sum_of_squares(n):\n    return sum(i * i for i in range(n + 1)) if n < 100 "
      "else n * (n + 1) * (2 * n + 1) // 6\n");
  add("ivan.py",
      "print('::error::not a command')\nimport os\nos.system('true')\n"
      "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n");
  for (int i = 0; i < 8; ++i) {  // correct one-liners, as many candidates write them
    add(fmt::format("cand{:02}.py", i),
        fmt::format("def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6 + {} - {}\n",
                    i, i));
  }
  // A folder: its entry file found by name.
  add("judy/sum_of_squares.py",
      "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n");
  std::ofstream(in / "judy" / "NOTES.txt") << "thanks!\n";
  out.pop_back();
  out.push_back((in / "judy").string());
  // A folder with a link out of it.
  fs::create_directories(in / "mallory");
  std::ofstream(in / "mallory" / "solution.py") << "def sum_of_squares(n):\n    return 0\n";
  fs::create_symlink("/etc/passwd", in / "mallory" / "passwd.py");
  out.push_back((in / "mallory").string());
  // Zips: a good one, one that is not a zip, a zip slip, an archive in the archive.
  make_zip(in / "kate.zip",
           "z.writestr('kate/solution.py', 'def sum_of_squares(n):\\n    return n * (n + 1) * "
           "(2 * n + 1) // 6\\n')\nz.writestr('kate/README.md', 'hi')\n");
  out.push_back((in / "kate.zip").string());
  std::ofstream(in / "leo.zip") << "PK\x03\x04 this is not really a zip";
  out.push_back((in / "leo.zip").string());
  make_zip(in / "mike.zip", "z.writestr('../../evil.py', 'x = 1')\n");
  out.push_back((in / "mike.zip").string());
  make_zip(in / "nina.zip", "z.writestr('inner.zip', 'PK')\nz.writestr('solution.py', 'x = 1')\n");
  out.push_back((in / "nina.zip").string());
  return out;
}

int64_t stored_rows(const fs::path& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return 0;
  }
  sqlite3_busy_timeout(h, 1000);
  int64_t n = 0;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, "SELECT COUNT(*) FROM results", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

// `pyjudge batch sum-of-squares FILES --db DB -j 1` in a child process, its output in `log`.
pid_t start_batch(const std::vector<std::string>& files, const fs::path& db, const fs::path& log) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    signal(SIGINT, SIG_DFL);  // as from a terminal, whatever the test runner ignores
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<std::string> args = {PYJUDGE_CLI_PATH,
                                     "batch",
                                     "sum-of-squares",
                                     "--no-performance",
                                     "--db",
                                     db.string(),
                                     "-j",
                                     "1"};
    args.insert(args.end(), files.begin(), files.end());
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    execv(PYJUDGE_CLI_PATH, argv.data());
    _exit(127);
  }
  return pid;
}

// Debian's Chromium, headless: the DOM after loading, or a screenshot.
std::string chromium(const std::vector<std::string>& args) {
  std::string cmd =
      "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-dev-shm-usage --user-data-dir=/tmp/pyjudge-chromium-test";
  for (const std::string& a : args) {
    cmd += " '" + a + "'";
  }
  cmd += " 2>/dev/null";
  return testing::shell(cmd).out;
}

const json& row(const json& doc, const std::string& name) {
  return testing::element_where(doc["candidates"], "name", name);
}

}  // namespace

TEST_CASE("batch: 20+ candidates ranked, refused ones explained, near-copies flagged") {
  ScopedTempDir dir;
  std::vector<std::string> files = make_candidates(dir);
  REQUIRE(files.size() >= 20);
  fs::path doc_file = dir.path() / "out" / "batch.json";
  fs::create_directories(doc_file.parent_path());
  std::vector<std::string> args = {"batch",          harness_flag(),
                                   "sum-of-squares", "--no-performance",
                                   "--json",         doc_file.string(),
                                   "--csv",          (dir.path() / "out" / "batch.csv").string(),
                                   "--pairs",        (dir.path() / "out" / "pairs.csv").string()};
  fs::path report = dir.path() / "out" / "report.html";
  args.insert(args.end(), {"--report", report.string()});
  args.insert(args.end(), files.begin(), files.end());
  Run r = cli(args);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  json doc = json::parse(testing::read_file(doc_file));
  CHECK(doc["candidates"].size() == files.size());
  CHECK(row(doc, "alice")["verdict"] == "AC");
  CHECK(row(doc, "bob")["verdict"] == "AC");
  CHECK(row(doc, "dave")["verdict"] == "WA");
  CHECK(row(doc, "erin")["verdict"] == "TLE");
  CHECK(row(doc, "frank")["verdict"] == "RE");
  CHECK(row(doc, "grace")["verdict"] == "SV");
  CHECK(row(doc, "judy")["verdict"] == "AC");
  CHECK(row(doc, "judy")["entry"] == "sum_of_squares.py");
  CHECK(row(doc, "kate")["verdict"] == "AC");
  CHECK(row(doc, "kate")["entry"] == "kate/solution.py");
  CHECK(row(doc, "leo")["verdict"] == "refused");
  CHECK(row(doc, "mallory")["verdict"] == "refused");
  CHECK(row(doc, "mallory")["message"].get<std::string>().find("leaves the folder") !=
        std::string::npos);
  CHECK(row(doc, "mike")["message"].get<std::string>().find("zip slip") != std::string::npos);
  CHECK(row(doc, "nina")["message"].get<std::string>().find("archive inside") != std::string::npos);
  // Hidden tests show their inputs to the interviewer, and what came back.
  const json& dave = row(doc, "dave");
  bool hidden_shown = false;
  for (const json& t : dave["tests"]) {
    if (!t["sample"].get<bool>() && t["verdict"] == "WA") {
      hidden_shown = t.contains("input") && t.contains("got") && t["message"] != "wrong answer";
    }
  }
  CHECK(hidden_shown);
  // Ranked: every accepted one before every other, the refused last.
  const json& cands = doc["candidates"];
  bool seen_other = false;
  for (size_t i = 0; i < cands.size(); ++i) {
    CHECK(cands[i]["rank"] == i + 1);
    if (cands[i]["verdict"] != "AC") {
      seen_other = true;
    } else {
      CHECK_FALSE(seen_other);
    }
  }
  CHECK(cands[cands.size() - 1]["verdict"] == "refused");
  // alice and bob, and only they, are flagged; identical one-liners are not; pairs come
  // highest first.
  REQUIRE(!doc["similarity"].empty());
  double last = 1.0;
  size_t flagged = 0;
  for (const json& p : doc["similarity"]) {
    CHECK(p["similarity"].get<double>() <= last);
    last = p["similarity"].get<double>();
    if (p["flagged"].get<bool>()) {
      ++flagged;
      std::set<std::string> pair = {p["a"].get<std::string>(), p["b"].get<std::string>()};
      CHECK(pair == std::set<std::string>{"alice", "bob"});
      CHECK(p["similarity"].get<double>() > 0.8);
      CHECK(p["longest_fragment"]["a_lines"][1].get<int>() >= 20);
    }
  }
  CHECK(flagged == 1);
  CHECK(row(doc, "alice")["similarity_flag"] == true);
  CHECK(row(doc, "carol")["similarity_flag"] == false);
  CHECK(doc["similarity_note"].get<std::string>().find("not proof") != std::string::npos);
  std::string csv = testing::read_file(dir.path() / "out" / "batch.csv");
  CHECK(csv.starts_with("rank,name,verdict,score"));
  CHECK(csv.find(",alice,AC,") != std::string::npos);
  // A refused candidate was not measured: its peak memory cell is empty, not 0.
  size_t leo = csv.find(",leo,refused,");
  REQUIRE(leo != std::string::npos);
  std::string leo_row = csv.substr(leo, csv.find('\n', leo) - leo);
  CHECK(leo_row.find(",,,no,") != std::string::npos);  // speed, growth, peak: empty
  std::string pairs = testing::read_file(dir.path() / "out" / "pairs.csv");
  CHECK(pairs.find("alice,bob,") != std::string::npos);
  // The report has every candidate, refused ones too, once Chromium has loaded it.
  std::string dom = chromium({"--dump-dom", "file://" + report.string()});
  for (const json& c : doc["candidates"]) {
    CHECK_MESSAGE(dom.find(">" + c["name"].get<std::string>() + "<") != std::string::npos,
                  c["name"]);
  }
  // The store is next to the report; running again without --resume is refused, not redone.
  CHECK(fs::exists(dir.path() / "out" / "report.pyjudge.sqlite3"));
  Run again = cli(args);
  CHECK(again.status == 2);
  CHECK(again.err.find("--resume") != std::string::npos);
}

TEST_CASE("batch: killed midway, --resume judges only the rest") {
  ScopedTempDir dir;
  std::vector<std::string> files = make_candidates(dir);
  fs::path db = dir.path() / "store.sqlite3";
  fs::path log = dir.path() / "first.log";
  pid_t pid = start_batch(files, db, log);
  // Killed (not stopped: SIGKILL) once a few results are kept.
  int64_t kept = 0;
  for (int i = 0; i < 600 && kept < 9; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    kept = stored_rows(db);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  // What a pyjudge killed outright leaves (the next one sweeps it after an hour): its box
  // folder and cgroups, removed here so that test runs do not pile them up.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // its boxes die with it
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    if (e.path().filename().string().starts_with(fmt::format("pyjudge-box-{}-", pid))) {
      fs::remove_all(e.path(), ec);
    }
  }
  for (const char* hierarchy : {"memory", "pids", "cpuacct"}) {
    for (const auto& e : fs::directory_iterator(fs::path("/sys/fs/cgroup") / hierarchy, ec)) {
      if (e.path().filename().string().starts_with(fmt::format("pyjudge-{}-", pid))) {
        rmdir(e.path().c_str());
      }
    }
  }
  kept = stored_rows(db);
  REQUIRE(kept >= 9);
  REQUIRE(static_cast<size_t>(kept) < files.size());

  std::vector<std::string> args = {"batch",
                                   harness_flag(),
                                   "sum-of-squares",
                                   "--no-performance",
                                   "--db",
                                   db.string(),
                                   "--resume",
                                   "--json",
                                   (dir.path() / "out.json").string()};
  args.insert(args.end(), files.begin(), files.end());
  Run r = cli(args);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find(fmt::format("{} of {} candidates already judged", kept, files.size())) !=
        std::string::npos);
  // One progress line per candidate judged now: none of the kept ones again.
  size_t judged_now = 0;
  std::istringstream lines(r.err);
  std::string line;
  while (std::getline(lines, line)) {
    judged_now += line.starts_with("[") ? 1 : 0;
  }
  CHECK(judged_now == files.size() - static_cast<size_t>(kept));
  json doc = json::parse(testing::read_file(dir.path() / "out.json"));
  CHECK(doc["candidates"].size() == files.size());
  CHECK(stored_rows(db) == static_cast<int64_t>(files.size()));
}

TEST_CASE("batch: the HTML report renders in headless Chromium with every candidate and chart") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  std::ofstream(in / "alice.py") << k_alice;
  std::ofstream(in / "bob.py") << k_bob;
  std::ofstream(in / "carol.py")
      << "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n";
  std::ofstream(in / "dave.py") << "def sum_of_squares(n):\n    return n * n\n";
  std::ofstream(in / "<b>eve.py") << "def sum_of_squares(n):\n    raise KeyError('<i>x</i>')\n";
  fs::path report = dir.path() / "report.html";
  Run r = cli({"batch", harness_flag(), "sum-of-squares", "--report", report.string(),
               (in / "alice.py").string(), (in / "bob.py").string(), (in / "carol.py").string(),
               (in / "dave.py").string(), (in / "<b>eve.py").string()});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  std::string html = testing::read_file(report);
  // Self-contained: no script, nothing fetched.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<b>eve") == std::string::npos);
  CHECK(html.find("&lt;b&gt;eve") != std::string::npos);

  std::string url = "file://" + report.string();
  std::string dom = chromium({"--dump-dom", url});
  REQUIRE(!dom.empty());
  for (const char* name : {"alice", "bob", "carol", "dave", "&lt;b&gt;eve"}) {
    CHECK_MESSAGE(dom.find(name) != std::string::npos, name);
  }
  // A time-against-n chart for each of the three accepted (timed) candidates.
  size_t charts = 0;
  for (size_t at = dom.find("<svg class=\"chart\""); at != std::string::npos;
       at = dom.find("<svg class=\"chart\"", at + 1)) {
    ++charts;
  }
  CHECK(charts == 3);
  CHECK(dom.find("<path d=\"M") != std::string::npos);
  // The near-copies side by side, their shared lines marked.
  CHECK((dom.find("alice and bob") != std::string::npos ||
         dom.find("bob and alice") != std::string::npos));  // in their ranking's order
  CHECK(dom.find("class=\"shared\"") != std::string::npos);
  // Dave's failing test shows its hidden input; eve's failing line is marked.
  CHECK(dom.find("class=\"fail\"") != std::string::npos);

  // Screenshots: the ranking, and the same page sorted by name (CSS :target, no script).
  fs::path shot = dir.path() / "ranked.png";
  fs::path by_name = dir.path() / "by-name.png";
  chromium({"--screenshot=" + shot.string(), "--window-size=1200,900", url});
  chromium({"--screenshot=" + by_name.string(), "--window-size=1200,900", url + "#by-name"});
  REQUIRE(fs::exists(shot));
  REQUIRE(fs::exists(by_name));
  CHECK(fs::file_size(shot) > 10000);
  CHECK(testing::read_file(shot) != testing::read_file(by_name));
}

TEST_CASE("batch: a Kattis package, every submission kind of it judged and ranked") {
  fs::path pkg = testing::fixtures() / "kattis" / "add-two";
  ScopedTempDir dir;
  std::vector<std::string> args = {"batch", harness_flag(), pkg.string(), "--json",
                                   (dir.path() / "k.json").string()};
  for (const char* kind : {"accepted", "wrong_answer", "run_time_error"}) {
    for (const auto& e : fs::directory_iterator(pkg / "submissions" / kind)) {
      if (e.path().extension() == ".py") {
        args.push_back(e.path().string());
      }
    }
  }
  Run r = cli(args);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  json doc = json::parse(testing::read_file(dir.path() / "k.json"));
  REQUIRE(doc["candidates"].size() == args.size() - 5);
  CHECK(doc["candidates"][0]["verdict"] == "AC");
  std::set<std::string> verdicts;
  for (const json& c : doc["candidates"]) {
    verdicts.insert(c["verdict"].get<std::string>());
  }
  CHECK(verdicts.contains("WA"));
  CHECK(verdicts.contains("RE"));
}

TEST_CASE("batch: Ctrl-C stops between candidates, keeps what was judged, and says how to go on") {
  ScopedTempDir dir;
  std::vector<std::string> files = make_candidates(dir);
  // A second alice early on: refused (the name is taken), never stored, and not counted.
  fs::path again = dir.path() / "again" / "alice.py";
  fs::create_directories(again.parent_path());
  fs::copy_file(files[0], again);
  files.insert(files.begin() + 1, again.string());
  fs::path db = dir.path() / "store.sqlite3";
  fs::path log = dir.path() / "run.log";
  pid_t pid = start_batch(files, db, log);
  int64_t kept = 0;
  for (int i = 0; i < 600 && kept < 8; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    kept = stored_rows(db);
  }
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  std::string text = testing::read_file(log);
  INFO(text);
  // Its results written, it ends by the signal, as a shell expects (which shows 130).
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK(text.find("stopped:") != std::string::npos);
  CHECK(text.find("--resume") != std::string::npos);
  int64_t after = stored_rows(db);
  CHECK(after >= kept);
  CHECK(static_cast<size_t>(after) < files.size() - 1);
  CHECK(text.find(fmt::format("stopped: {} of {} candidates judged and kept", after,
                              files.size())) != std::string::npos);
  std::vector<std::string> args = {"batch", harness_flag(), "sum-of-squares", "--no-performance",
                                   "--db",  db.string(),    "--resume"};
  args.insert(args.end(), files.begin(), files.end());
  CHECK(cli(args).status == 0);
  CHECK(stored_rows(db) == static_cast<int64_t>(files.size() - 1));
}

TEST_CASE("batch: class and script challenges, a huge zip entry and a name that is not UTF-8") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  // lru-cache (class kind): the reference and one that forgets recency.
  fs::copy_file(testing::source_dir() / "challenges" / "lru-cache" / "reference.py", in / "ada.py");
  fs::copy_file(testing::source_dir() / "challenges" / "lru-cache" / "wrong" / "get_no_refresh.py",
                in / "bo.py");
  make_zip(in / "huge.zip", "z.writestr('solution.py', '#' * 2000000)\n");
  std::string bad_name = std::string("ca") + static_cast<char>(0xff) + ".py";
  std::ofstream(in / bad_name) << "x = 1\n";
  Run r = cli({"batch", harness_flag(), "lru-cache", "--no-performance", "--json",
               (dir.path() / "l.json").string(), (in / "ada.py").string(), (in / "bo.py").string(),
               (in / "huge.zip").string(), (in / bad_name).string()});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  json doc = json::parse(testing::read_file(dir.path() / "l.json"));
  CHECK(row(doc, "ada")["verdict"] == "AC");
  CHECK(row(doc, "bo")["verdict"] == "WA");
  CHECK(row(doc, "huge")["message"].get<std::string>().find("larger than 1 MiB") !=
        std::string::npos);
  CHECK(row(doc, "ca\\xff")["message"].get<std::string>().find("not UTF-8") != std::string::npos);

  // rate-limiter (script kind): the reference and a fixed-window one.
  fs::path rl = testing::source_dir() / "challenges" / "rate-limiter";
  Run s = cli({"batch", harness_flag(), "rate-limiter", "--db", (dir.path() / "s.sqlite3").string(),
               "--json", (dir.path() / "s.json").string(), (rl / "reference.py").string(),
               (rl / "wrong" / "fixed_window.py").string()});
  CHECK(s.status == 0);
  json sdoc = json::parse(testing::read_file(dir.path() / "s.json"));
  CHECK(row(sdoc, "reference")["verdict"] == "AC");
  CHECK(row(sdoc, "fixed_window")["verdict"] == "WA");
}

TEST_CASE("batch: a progress bar on a terminal, plain lines otherwise") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  for (const char* name : {"a.py", "b.py", "c.py"}) {
    std::ofstream(in / name)
        << "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n";
  }
  // util-linux's script(1) gives the batch a terminal.
  std::string cmd = "cd '" + dir.path().string() + "' && script -qec \"" + PYJUDGE_CLI_PATH +
                    " batch sum-of-squares --no-performance in/a.py in/b.py in/c.py\" /dev/null";
  auto [status, tty] = testing::shell(cmd);
  CHECK(status == 0);
  CHECK(tty.find("\r\x1b[K[") != std::string::npos);  // redrawn in place
  CHECK(tty.find("3/3") != std::string::npos);
  CHECK(tty.find("[3/3] ") == std::string::npos);  // not the plain lines
  Run plain = cli({"batch", harness_flag(), "sum-of-squares", "--no-performance", "--db",
                   (dir.path() / "p.sqlite3").string(), (in / "a.py").string(),
                   (in / "b.py").string(), (in / "c.py").string()});
  CHECK(plain.err.find("[3/3] ") != std::string::npos);
  CHECK(plain.err.find('\r') == std::string::npos);
}

TEST_CASE("batch: outputs are checked before judging, and `--json -` is the only thing on stdout") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in / "again");
  const std::string correct = "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n";
  for (fs::path p : {in / "ann.py", in / "again" / "ann.py", in / "ben.py"}) {
    std::ofstream(p) << correct;
  }
  fs::create_directories(in / "ann");  // a folder of the same name
  std::ofstream(in / "ann" / "solution.py") << correct;
  fs::create_symlink("/etc/passwd", in / "link.py");
  make_zip(in / "zed.zip",
           "import warnings\nwarnings.simplefilter('ignore')\n"
           "z.writestr('solution.py', 'def sum_of_squares(n):\\n    return 0\\n')\n"
           "z.writestr('solution.py', 'def sum_of_squares(n):\\n    return 1\\n')\n");
  std::string db = (dir.path() / "s.sqlite3").string();
  auto batch = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"batch", harness_flag(), "sum-of-squares", "--no-performance"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
  };
  // A candidate's file, or the same file twice, or a missing folder: refused before judging,
  // and nothing is written.
  Run over = batch({"--db", db, "--csv", (in / "ben.py").string(), (in / "ann.py").string(),
                    (in / "ben.py").string()});
  CHECK(over.status == 2);
  CHECK(over.err.find("is a candidate's submission") != std::string::npos);
  CHECK(testing::read_file(in / "ben.py") == correct);
  Run twice = batch({"--db", db, "--json", (dir.path() / "o").string(), "--report",
                     (dir.path() / "o").string(), (in / "ann.py").string()});
  CHECK(twice.status == 2);
  CHECK(twice.err.find("also the file of --json") != std::string::npos);
  Run nowhere = batch(
      {"--db", db, "--report", (dir.path() / "no" / "r.html").string(), (in / "ann.py").string()});
  CHECK(nowhere.status == 2);
  CHECK(nowhere.err.find("does not exist") != std::string::npos);
  CHECK(batch({"--db", db, "--json", "-", "--csv", "-", (in / "ann.py").string()}).status == 2);
  std::ofstream(dir.path() / "starter.zip") << std::string("PK\x03\x04\0\xff", 6);
  Run binary = batch(
      {"--db", db, "--template", (dir.path() / "starter.zip").string(), (in / "ann.py").string()});
  CHECK(binary.status == 2);
  CHECK(binary.err.find("is not Python source text") != std::string::npos);
  CHECK_FALSE(fs::exists(db));

  // Three candidates named ann: the later two refused, each with its own origin, and never
  // counted as judged already. A link is refused, not followed.
  Run r = batch({"--db", db, "--json", "-", (in / "ann.py").string(),
                 (in / "again" / "ann.py").string(), (in / "ann").string(),
                 (in / "ben.py").string(), (in / "link.py").string(), (in / "zed.zip").string()});
  INFO(r.err);
  CHECK(r.status == 0);
  json doc = json::parse(r.out);  // stdout holds the JSON only; the table is on stderr
  CHECK(r.err.find("rank") != std::string::npos);
  CHECK(r.err.find("already judged") == std::string::npos);
  std::map<std::string, json> by_origin;
  for (const json& c : doc["candidates"]) {
    by_origin[c["origin"].get<std::string>()] = c;
  }
  REQUIRE(by_origin.size() == 6);
  CHECK(by_origin[(in / "zed.zip").string()]["message"].get<std::string>().find(
            "holds `solution.py` twice") != std::string::npos);
  CHECK(by_origin[(in / "ann.py").string()]["verdict"] == "AC");
  for (fs::path p : {in / "again" / "ann.py", in / "ann"}) {
    const json& c = by_origin[p.string()];
    CHECK(c["verdict"] == "refused");
    CHECK(c["message"].get<std::string>().find("given already (" + (in / "ann.py").string() +
                                               ")") != std::string::npos);
  }
  CHECK(by_origin[(in / "link.py").string()]["verdict"] == "refused");
  CHECK(by_origin[(in / "link.py").string()]["message"].get<std::string>().find("is a link") !=
        std::string::npos);
  CHECK(r.out.find("root:") == std::string::npos);
}

namespace {

// Changes a batch store as a stop, a kill or a judge fault would have left it.
void store_sql(const fs::path& db, const char* sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  CHECK(sqlite3_exec(h, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
}

}  // namespace

TEST_CASE("batch: --resume times an accepted candidate that was judged but not yet timed") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  std::ofstream(in / "ann.py")
      << "def sum_of_squares(n):\n    return n * (n + 1) * (2 * n + 1) // 6\n";
  std::ofstream(in / "dan.py") << "def sum_of_squares(n):\n    return n\n";
  fs::path db = dir.path() / "s.sqlite3";
  std::vector<std::string> args = {
      "batch", harness_flag(),           "sum-of-squares",        "--db", db.string(), "--json",
      "-",     (in / "ann.py").string(), (in / "dan.py").string()};
  Run first = cli(args);
  INFO(first.err);
  REQUIRE(first.status == 0);
  REQUIRE(row(json::parse(first.out), "ann").contains("speed"));
  // As a stop between judging and timing leaves it: stored, accepted, untimed, incomplete.
  store_sql(db,
            "UPDATE results SET complete = 0, row = json_remove(row, '$.speed', '$.growth') "
            "WHERE name = 'ann'");

  args.push_back("--resume");
  Run again = cli(args);
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(again.err.find("2 of 2 candidates already judged") != std::string::npos);
  CHECK(again.err.find("1 of them still to be timed") != std::string::npos);
  CHECK(again.err.find("ann: timing against the reference") != std::string::npos);
  CHECK(again.err.find("ann: AC") == std::string::npos);  // not judged again
  CHECK(row(json::parse(again.out), "ann").contains("speed"));
  // With --no-performance the untimed row is used as it is, and stays to be timed later.
  store_sql(db, "UPDATE results SET complete = 0 WHERE name = 'ann'");
  args.push_back("--no-performance");
  Run plain = cli(args);
  CHECK(plain.status == 0);
  CHECK(plain.err.find("2 of 2 candidates already judged") != std::string::npos);
  CHECK(plain.err.find("ann: ") == std::string::npos);
  // An internal error last time was the judge's fault: judged again.
  store_sql(db,
            "UPDATE results SET complete = 0, row = json_set(row, '$.verdict', 'IE') WHERE name "
            "= 'dan'");
  Run after_ie = cli(args);
  INFO(after_ie.err);
  CHECK(after_ie.status == 0);
  CHECK(after_ie.err.find("1 of 2 candidates already judged") != std::string::npos);
  CHECK(after_ie.err.find("dan: WA") != std::string::npos);
}

TEST_CASE("batch: a candidate's text stays UTF-8 when cut, and cannot reorder what is read") {
  ScopedTempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  std::ofstream(in / "accents.py") << "def add(a, b):\n    raise ValueError('x' + 'é' * 600)\n";
  std::ofstream(in / "emoji.py") << "def add(a, b):\n    print('a' + '😀' * 5000)\n"
                                    "    return a + b\n";
  std::ofstream(in / "bidi.py") << "def add(a, b):\n    return '3\\u202e1'\n";
  fs::path add = testing::fixtures() / "challenges" / "add";
  fs::path html = dir.path() / "r.html";
  fs::path csv = dir.path() / "r.csv";
  Run r = cli({"batch", harness_flag(), add.string(), "--no-performance", "--report", html.string(),
               "--csv", csv.string(), (in / "accents.py").string(), (in / "emoji.py").string(),
               (in / "bidi.py").string()});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  std::string page = testing::read_file(html);
  std::string table = testing::read_file(csv);
  CHECK(judge::is_utf8(page));
  CHECK(judge::is_utf8(table));
  CHECK(judge::is_utf8(r.out + r.err));
  CHECK(page.find("xéééé") != std::string::npos);    // cut messages keep their characters
  CHECK(page.find("😀😀😀😀") != std::string::npos);     // and so does cut output
  CHECK(page.find("\\u202e") != std::string::npos);  // shown as Python writes it
  CHECK(page.find("\u202e") == std::string::npos);   // never the override itself
  CHECK(table.find("\u202e") == std::string::npos);
  CHECK(table.find("xéééé") != std::string::npos);
}
