#include "judge/cli.hpp"

#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>

#include "judge/batch.hpp"
#include "judge/generate.hpp"
#include "judge/grade.hpp"
#include "judge/history.hpp"
#include "judge/html_report.hpp"
#include "judge/judge.hpp"
#include "judge/pool.hpp"
#include "judge/practice.hpp"
#include "judge/report.hpp"
#include "judge/scaffold.hpp"
#include "judge/spec.hpp"
#include "judge/validate.hpp"
#include "judge/value.hpp"
#include "sandbox/leftovers.hpp"
#include "sandbox/probe.hpp"

namespace bp = boost::process;

namespace pyjudge::judge {

namespace {

struct SubmitArgs {
  std::string challenge;
  std::vector<std::string> files;
  unsigned jobs = 0;
  bool json = false;
  std::string color = "auto";
  std::string harness;
  bool unsafe = false;
  bool no_performance = false;
  bool watch = false;
  bool no_history = false;
};

// The practice history, opened on first use; a failure is a warning (the verdict stands).
class HistorySink {
 public:
  HistorySink(bool enabled, std::ostream& err) : enabled_(enabled), err_(err) {}
  HistorySink(const HistorySink&) = delete;
  HistorySink& operator=(const HistorySink&) = delete;
  ~HistorySink() { flush(); }

  // Kept until flush(): one transaction for all the files of a command.
  void record(const Challenge& c, const std::string& file, const Submission& s,
              const std::string& mode, const Report& r, const PerfReport* perf) {
    if (!enabled_ || r.verdict == Verdict::IE) {  // the judge's fault is not an attempt
      return;
    }
    std::error_code ec;
    HistoryEntry e;
    e.at = history_timestamp();
    e.challenge = c.id;
    e.file = std::filesystem::absolute(file, ec).lexically_normal().string();
    e.source_sha256 = sha256_hex(s.source);
    e.mode = mode;
    e.verdict = submit_verdict(r, perf);  // as --json says it: SLOW is not solved yet
    e.passed = static_cast<int64_t>(r.passed());
    e.total = static_cast<int64_t>(r.tests.size());
    e.score = r.score;
    if (perf != nullptr && perf->error.empty() && !perf->sizes.empty()) {
      e.speed_ratio = perf->speed.ratio;
      e.growth = std::string(to_string(perf->growth.verdict));
    }
    pending_.push_back(std::move(e));
  }

  void flush() {
    if (pending_.empty()) {
      return;
    }
    if (!history_) {
      Expected<History> h = History::open(History::default_path());
      if (!h) {
        warn(h.error().message);
        pending_.clear();
        return;
      }
      history_.emplace(std::move(h).value());
    }
    if (auto why = history_->record(pending_)) {
      warn(*why);
    }
    pending_.clear();
  }

 private:
  void warn(const std::string& why) {
    if (!warned_) {  // once per command, not once per file
      err_ << "pyjudge: warning: this result is not in your practice history: " << why << "\n";
      warned_ = true;
    }
  }
  bool enabled_;
  std::ostream& err_;
  std::optional<History> history_;
  std::vector<HistoryEntry> pending_;
  bool warned_ = false;
};

void setup_logging(int verbosity) {
  static auto logger = [] {
    auto l = spdlog::stderr_color_mt("pyjudge");
    l->set_pattern("%^[%l]%$ %v");
    return l;
  }();
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbosity >= 2   ? spdlog::level::trace
                    : verbosity == 1 ? spdlog::level::debug
                                     : spdlog::level::warn);
}

// Several files: judged side by side over the worker pool, then (one at a time, so that
// timing runs never compete with each other) timed if accepted; one line or object each.
int submit_many(const SubmitArgs& a, const Challenge& c,
                const std::vector<Expected<Submission>>& files, const JudgeOptions& options,
                HistorySink& history, std::ostream& out) {
  std::vector<Submission> readable;
  std::vector<size_t> slot(files.size(), SIZE_MAX);  // file → index in readable
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i]) {
      slot[i] = readable.size();
      readable.push_back(*files[i]);
    }
  }
  std::vector<Report> reports = judge_all(c, readable, options);
  std::vector<std::optional<PerfReport>> perfs(readable.size());
  if (c.performance && !a.no_performance) {
    for (size_t i = 0; i < readable.size(); ++i) {
      if (reports[i].verdict == Verdict::AC) {
        perfs[i] = measure_performance(c, readable[i], {options.harness_exe, options.unsafe});
      }
    }
  }
  bool unreadable = false;
  bool internal = false;
  bool all_passed = true;
  std::vector<SummaryRow> rows;
  auto json = nlohmann::ordered_json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    if (slot[i] == SIZE_MAX) {
      unreadable = true;
      rows.push_back({a.files[i], nullptr, nullptr, files[i].error().message});
      json.push_back({{"file", a.files[i]}, {"error", files[i].error().message}});
      continue;
    }
    const Report& r = reports[slot[i]];
    const auto& perf = perfs[slot[i]];
    internal = internal || r.verdict == Verdict::IE;
    all_passed = all_passed && r.verdict == Verdict::AC && !(perf && perf->failed);
    rows.push_back({a.files[i], &r, perf ? &*perf : nullptr, ""});
    history.record(c, a.files[i], readable[slot[i]], "submit", r, perf ? &*perf : nullptr);
    if (a.json) {
      nlohmann::ordered_json j = {{"file", a.files[i]}};
      j.update(report_json(c, r));
      if (perf) {
        add_performance_json(j, *perf);
        j["verdict"] = submit_verdict(r, &*perf);
      }
      json.push_back(std::move(j));
    }
  }
  if (a.json) {
    out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    print_summary(out, c, rows, TtyStyle::detect(STDOUT_FILENO, a.color));
  }
  if (internal) {
    return k_exit_internal;
  }
  if (unreadable) {
    return k_exit_usage;
  }
  return all_passed ? k_exit_accepted : k_exit_rejected;
}

// Writes `text` beside `path` and moves it there, so nobody sees a half-written file: over
// an existing file when `replace`, else never (link() fails on an existing name, also one
// that appeared meanwhile). Returns 0, or the errno of what failed.
int write_atomically(const std::filesystem::path& path, const std::string& text, bool replace) {
  std::error_code ec;
  std::filesystem::path target = std::filesystem::absolute(path, ec);
  std::filesystem::path tmp = target;
  tmp += fmt::format(".pyjudge-{}.tmp", getpid());
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << text;
    o.close();
    if (!o) {
      int e = errno != 0 ? errno : EIO;
      std::filesystem::remove(tmp, ec);
      return e;
    }
  }
  int rc = replace ? std::rename(tmp.c_str(), target.c_str()) : link(tmp.c_str(), target.c_str());
  int e = rc != 0 ? errno : 0;
  if (rc != 0 || !replace) {
    std::filesystem::remove(tmp, ec);
  }
  return e;
}

// The minimum sandbox (rlimits + seccomp + Landlock), unless the user said --unsafe-no-sandbox;
// an exit status after explaining when the host cannot give it.
std::optional<int> refuse_without_sandbox(bool unsafe, std::ostream& err) {
  if (unsafe) {
    return std::nullopt;
  }
  if (auto missing = sandbox::probe_minimum()) {
    err << "pyjudge: refusing to judge: this host cannot give the minimum sandbox (rlimits + "
           "seccomp + Landlock)\n  "
        << *missing
        << "\n  `pyjudge doctor` shows what the host offers; --unsafe-no-sandbox judges anyway "
           "(only for code you trust).\n";
    return k_exit_internal;
  }
  return std::nullopt;
}

// A challenge by id or path, loaded; nullopt after explaining why not.
std::optional<Challenge> load_for_judging(const std::string& arg, std::ostream& err) {
  Expected<std::filesystem::path> dir = find_challenge(arg, default_challenges_root());
  if (!dir) {
    err << "pyjudge: " << dir.error().message << "\n";
    return std::nullopt;
  }
  Expected<Challenge> challenge = load_challenge(*dir);
  if (!challenge) {
    err << "pyjudge: invalid challenge spec\n  " << challenge.error().message << "\n";
    return std::nullopt;
  }
  return std::move(challenge).value();
}

// What every judging command needs first: the harness, a sandbox (or the user's explicit
// --unsafe-no-sandbox), the generated tests. An exit status when it cannot go on.
std::optional<int> prepare_judging(Challenge& c, const std::string& harness, bool unsafe,
                                   JudgeOptions& options, std::ostream& err) {
  options.harness_exe = harness.empty() ? default_harness_path() : std::filesystem::path(harness);
  options.unsafe = unsafe;
  if (auto stop = refuse_without_sandbox(unsafe, err)) {
    return stop;
  }
  if (c.generated) {
    GenerateOptions go{options.harness_exe, default_cache_dir(), options.unsafe};
    if (auto e = materialize(c, go)) {
      err << "pyjudge: cannot make the challenge's generated tests\n  " << *e << "\n";
      return k_exit_usage;
    }
  }
  if (unsafe) {
    err << "pyjudge: warning: --unsafe-no-sandbox: the solution runs with rlimits only, able to "
           "start processes, open sockets and read your files\n";
  }
  return std::nullopt;
}

// The zygotes of the workers `jobs` judging jobs will use start now, in the background:
// their interpreters start (~50 ms) while the challenge loads.
void prestart_workers(const std::string& harness, unsigned pool_size, size_t jobs) {
  WorkerPool::set_default_size(pool_size);
  WorkerPool::shared(harness.empty() ? default_harness_path() : std::filesystem::path(harness))
      .prestart(jobs);
}

int submit_once(const SubmitArgs& a, HistorySink& history, std::ostream& out, std::ostream& err) {
  prestart_workers(a.harness, a.jobs, a.files.size());
  // With --json, an error that stops the command is a JSON object on stdout too, so that a
  // script reading it gets a document: {"error": …} (and "file" for a file's).
  auto json_error = [&](const std::string& message, const std::string& file) {
    if (a.json) {
      nlohmann::ordered_json j;
      if (!file.empty()) {
        j["file"] = file;
      }
      j["error"] = message;
      out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    }
  };
  // What a step wrote to stderr, as one line for the JSON.
  auto as_line = [](std::string text) {
    if (text.starts_with("pyjudge: ")) {
      text.erase(0, 9);
    }
    for (size_t at = 0; (at = text.find("\n  ", at)) != std::string::npos;) {
      text.replace(at, 3, ": ");
    }
    while (!text.empty() && text.back() == '\n') {
      text.pop_back();
    }
    return text;
  };
  std::ostringstream load_err;
  std::optional<Challenge> challenge = load_for_judging(a.challenge, load_err);
  err << load_err.str();
  if (!challenge) {
    json_error(as_line(load_err.str()), "");
    return k_exit_usage;
  }
  std::vector<Expected<Submission>> files;
  for (const std::string& f : a.files) {
    files.push_back(read_submission(f));
  }
  if (files.size() == 1 && !files[0]) {
    err << "pyjudge: " << files[0].error().message << "\n";
    json_error(files[0].error().message, a.files[0]);
    return k_exit_usage;
  }
  JudgeOptions options;
  std::ostringstream prepare_err;
  std::optional<int> stop = prepare_judging(*challenge, a.harness, a.unsafe, options, prepare_err);
  err << prepare_err.str();
  if (stop) {
    json_error(as_line(prepare_err.str()), "");
    return *stop;
  }
  if (files.size() > 1) {
    return submit_many(a, *challenge, files, options, history, out);
  }
  const Submission& submission = *files[0];
  Report report = judge(*challenge, submission, options);
  // Speed and growth only mean something for a correct solution.
  std::optional<PerfReport> perf;
  if (challenge->performance && report.verdict == Verdict::AC && !a.no_performance) {
    perf = measure_performance(*challenge, submission, {options.harness_exe, options.unsafe});
  }
  history.record(*challenge, a.files[0], submission, "submit", report, perf ? &*perf : nullptr);
  if (a.json) {
    nlohmann::ordered_json j = report_json(*challenge, report);
    if (perf) {
      add_performance_json(j, *perf);
      j["verdict"] = submit_verdict(report, &*perf);
    }
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    TtyStyle style = TtyStyle::detect(STDOUT_FILENO, a.color);
    print_report(out, *challenge, report, style);
    if (perf) {
      print_performance(out, *perf, style);
    }
  }
  if (report.verdict == Verdict::IE) {
    return k_exit_internal;
  }
  if (perf && perf->failed) {
    return k_exit_rejected;
  }
  return report.verdict == Verdict::AC ? k_exit_accepted : k_exit_rejected;
}

int submit(const SubmitArgs& a, std::ostream& out, std::ostream& err) {
  HistorySink history(!a.no_history, err);
  if (!a.watch) {
    return submit_once(a, history, out, err);
  }
  // Saving the solution cannot mend an unknown challenge or a broken spec: said once, at once.
  if (!load_for_judging(a.challenge, err)) {
    return k_exit_usage;
  }
  bool tty = isatty(STDOUT_FILENO) == 1 && &out == &std::cout;
  std::vector<std::filesystem::path> files(a.files.begin(), a.files.end());
  std::string why = watch(files, [&] {
    if (tty) {
      out << "\x1b[H\x1b[2J";  // a fresh screen per run
    }
    int status = submit_once(a, history, out, err);
    history.flush();
    out.flush();
    // On stderr: stdout holds only the reports (one JSON document per run with --json).
    err << fmt::format(
        "\n[{}] exit status {} · watching {} · save to judge again, Ctrl-C to stop\n",
        history_timestamp(), status, a.files.size() == 1 ? a.files[0] : "the files");
    err.flush();
  });
  err << "pyjudge: cannot watch: " << why << "\n";
  return k_exit_usage;
}

struct TestArgs {
  std::string challenge;
  std::string file;
  bool json = false;
  std::string color = "auto";
  std::string harness;
  bool unsafe = false;
  bool no_history = false;
};

// Samples only: quick, and every failing sample in full.
int test_cmd(const TestArgs& a, std::ostream& out, std::ostream& err) {
  prestart_workers(a.harness, 0, 1);
  std::optional<Challenge> full = load_for_judging(a.challenge, err);
  if (!full) {
    return k_exit_usage;
  }
  std::optional<Challenge> challenge = samples_only(*full);
  if (!challenge) {
    err << "pyjudge: " << full->id << " has no sample tests; `pyjudge submit " << a.challenge << " "
        << a.file << "` judges it on every test\n";
    return k_exit_usage;
  }
  Expected<Submission> file = read_submission(a.file);
  if (!file) {
    err << "pyjudge: " << file.error().message << "\n";
    return k_exit_usage;
  }
  JudgeOptions options;
  if (auto stop = prepare_judging(*challenge, a.harness, a.unsafe, options, err)) {
    return *stop;
  }
  size_t all_tests = full->tests.size() + (full->generated ? full->generated->cases.size() : 0);
  Report report = judge(*challenge, *file, options);
  HistorySink history(!a.no_history, err);
  history.record(*challenge, a.file, *file, "test", report, nullptr);
  if (a.json) {
    nlohmann::ordered_json j = report_json(*challenge, report);
    j["samples_only"] = true;
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    print_sample_run(out, *challenge, command_name(*full), all_tests, report,
                     TtyStyle::detect(STDOUT_FILENO, a.color));
  }
  if (report.verdict == Verdict::IE) {
    return k_exit_internal;
  }
  return report.verdict == Verdict::AC ? k_exit_accepted : k_exit_rejected;
}

// The history for list and progress: its rows by challenge, or nullopt after a warning.
std::optional<std::map<std::string, ChallengeProgress>> read_history(std::ostream& err,
                                                                     int64_t* rows = nullptr) {
  // No history yet is nothing solved: reading it creates no folder or file.
  std::error_code ec;
  if (!std::filesystem::exists(History::default_path(), ec) && !ec) {
    if (rows != nullptr) {
      *rows = 0;
    }
    return std::map<std::string, ChallengeProgress>{};
  }
  Expected<History> h = History::open(History::default_path());
  if (!h) {
    err << "pyjudge: " << h.error().message << "\n";
    return std::nullopt;
  }
  auto p = h->progress();
  if (!p) {
    err << "pyjudge: " << p.error().message << "\n";
    return std::nullopt;
  }
  if (rows != nullptr) {
    *rows = h->count().ok() ? *h->count() : 0;
  }
  return std::move(p).value();
}

struct ListArgs {
  ListFilter filter;
  bool json = false;
  std::string color = "auto";
};

int list_cmd(const ListArgs& a, std::ostream& out, std::ostream& err) {
  std::filesystem::path root = default_challenges_root();
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    err << "pyjudge: the challenges folder " << root.string() << " does not exist"
        << (std::getenv("PYJUDGE_CHALLENGES") != nullptr
                ? " (it is $PYJUDGE_CHALLENGES): set it to a folder of challenge folders, or "
                  "unset it for the bundled ones\n"
                : "\n");
    return k_exit_usage;
  }
  std::vector<CatalogueEntry> all = load_catalogue(root);
  auto history = read_history(err);
  if (!history) {
    err << "pyjudge: (statuses are shown as `?`)\n";
  }
  const auto* h = history ? &*history : nullptr;
  bool broken = false;
  auto json = nlohmann::ordered_json::array();
  struct Row {
    const Challenge* c;
    std::string status;
  };
  std::vector<Row> rows;
  for (const CatalogueEntry& e : all) {
    if (!e.challenge) {
      broken = true;
      err << "pyjudge: " << e.dir.filename().string()
          << " is not listed: its spec does not load\n  " << e.challenge.error().message << "\n";
      continue;
    }
    std::string status = status_of(e.challenge->id, h);
    if (matches(*e.challenge, a.filter, status)) {
      rows.push_back({&*e.challenge, status});
    }
  }
  if (a.json) {
    for (const Row& r : rows) {
      json.push_back({{"id", r.c->id},
                      {"title", r.c->title},
                      {"difficulty", r.c->difficulty},
                      {"tags", r.c->tags},
                      {"kind", std::string(to_string(r.c->kind))},
                      {"status", r.status}});
    }
    out << json.dump(2) << "\n";
    return broken ? k_exit_usage : k_exit_accepted;
  }
  TtyStyle style = TtyStyle::detect(STDOUT_FILENO, a.color);
  size_t id_w = 2;
  size_t title_w = 5;
  for (const Row& r : rows) {
    id_w = std::max(id_w, r.c->id.size());
    title_w = std::max(title_w, std::min<size_t>(r.c->title.size(), 34));
  }
  auto bold = [&](const std::string& text) {
    return style.color ? "\x1b[1m" + text + "\x1b[0m" : text;
  };
  out << bold(fmt::format("  {:<{}}  {:<{}}  {:<10}  {:<9}  {}", "ID", id_w, "TITLE", title_w,
                          "DIFFICULTY", "STATUS", "TAGS"))
      << "\n";
  std::map<std::string, int> counts;
  for (const Row& r : rows) {
    std::string tags;
    for (const std::string& t : r.c->tags) {
      tags += (tags.empty() ? "" : ", ") + t;
    }
    std::string title = r.c->title.size() > 34 ? r.c->title.substr(0, 33) + "…" : r.c->title;
    std::string status = fmt::format("{:<9}", r.status);
    if (style.color && r.status == "solved") {
      status = "\x1b[32m" + status + "\x1b[0m";
    } else if (style.color && r.status == "attempted") {
      status = "\x1b[33m" + status + "\x1b[0m";
    }
    out << fmt::format("  {:<{}}  {:<{}}  {:<10}  {}  {}\n", r.c->id, id_w, title, title_w,
                       r.c->difficulty, status, tags);
    ++counts[r.status];
  }
  out << fmt::format("\n{} challenge{}", rows.size(), rows.size() == 1 ? "" : "s");
  if (h != nullptr) {
    out << fmt::format(" · {} solved · {} attempted · {} new", counts["solved"],
                       counts["attempted"], counts["new"]);
  } else {
    out << " · your statuses are unknown (the history could not be read)";
  }
  out << " · `pyjudge show ID` to read one\n";
  return broken ? k_exit_usage : k_exit_accepted;
}

int show_cmd(const std::string& arg, const std::string& color, std::ostream& out,
             std::ostream& err) {
  std::optional<Challenge> c = load_for_judging(arg, err);
  if (!c) {
    return k_exit_usage;
  }
  print_challenge(out, *c, TtyStyle::detect(STDOUT_FILENO, color));
  return k_exit_accepted;
}

int init_cmd(const std::string& arg, std::string file, bool force, std::ostream& out,
             std::ostream& err) {
  std::optional<Challenge> c = load_for_judging(arg, err);
  if (!c) {
    return k_exit_usage;
  }
  if (file.empty()) {
    file = default_solution_name(c->id);
  }
  std::string text = starter_source(*c, std::filesystem::path(file).filename().string());
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    err << "pyjudge: " << file << " is a folder: give -o a file name, such as " << file << "/"
        << default_solution_name(c->id) << "\n";
    return k_exit_usage;
  }
  if (!force && std::filesystem::exists(std::filesystem::symlink_status(file, ec))) {
    err << "pyjudge: " << file << " already exists; pyjudge init never overwrites a file: pass "
        << "--force to replace it, or -o to write another\n";
    return k_exit_usage;
  }
  if (int e = write_atomically(file, text, force); e != 0) {
    err << "pyjudge: cannot write " << file << ": " << std::strerror(e)
        << (e == EEXIST ? " (pass --force to replace it)" : "") << "\n";
    return k_exit_usage;
  }
  out << fmt::format("Wrote {} for {} ({}).\nNext: pyjudge test {} {}\n", file, c->id, c->title,
                     shell_word(command_name(*c)), shell_word(file));
  return k_exit_accepted;
}

int progress_cmd(bool json_out, const std::string& color, std::ostream& out, std::ostream& err) {
  int64_t rows = 0;
  auto history = read_history(err, &rows);
  if (!history) {
    return k_exit_usage;
  }
  std::vector<CatalogueEntry> all = load_catalogue(default_challenges_root());
  struct Tally {
    int solved = 0;
    int total = 0;
  };
  std::map<std::string, Tally> by_difficulty;
  std::map<std::string, Tally> by_tag;
  std::map<std::string, std::string> titles;
  int solved = 0;
  int attempted = 0;
  int total = 0;
  for (const CatalogueEntry& e : all) {
    if (!e.challenge) {
      continue;
    }
    const Challenge& c = *e.challenge;
    titles[c.id] = c.title;
    std::string status = status_of(c.id, &*history);
    bool ok = status == "solved";
    ++total;
    solved += ok ? 1 : 0;
    attempted += status == "attempted" ? 1 : 0;
    by_difficulty[c.difficulty].total++;
    by_difficulty[c.difficulty].solved += ok ? 1 : 0;
    for (const std::string& t : c.tags) {
      by_tag[t].total++;
      by_tag[t].solved += ok ? 1 : 0;
    }
  }
  if (json_out) {
    nlohmann::ordered_json j;
    j["history"] = History::default_path().string();
    j["submissions"] = rows;
    j["solved"] = solved;
    j["attempted"] = attempted;
    j["total"] = total;
    for (const auto& [name, t] : by_difficulty) {
      j["by_difficulty"][name] = {{"solved", t.solved}, {"total", t.total}};
    }
    for (const auto& [name, t] : by_tag) {
      j["by_tag"][name] = {{"solved", t.solved}, {"total", t.total}};
    }
    auto list = nlohmann::ordered_json::array();
    for (const auto& [id, p] : *history) {
      nlohmann::ordered_json row = {{"id", id},
                                    {"status", p.solved ? "solved" : "attempted"},
                                    {"attempts", p.attempts},
                                    {"last", p.last_at}};
      row["best_speed_ratio"] =
          p.best_speed_ratio ? nlohmann::ordered_json(*p.best_speed_ratio) : nullptr;
      list.push_back(row);
    }
    j["challenges"] = list;
    out << j.dump(2) << "\n";
    return k_exit_accepted;
  }
  TtyStyle style = TtyStyle::detect(STDOUT_FILENO, color);
  auto bold = [&](const std::string& text) {
    return style.color ? "\x1b[1m" + text + "\x1b[0m" : text;
  };
  auto bar = [](const Tally& t) {
    int filled = t.total == 0 ? 0 : (t.solved * 20 + t.total - 1) / t.total;
    std::string cells;
    for (int i = 0; i < 20; ++i) {
      cells += i < filled ? "█" : "░";
    }
    return cells;
  };
  out << bold(fmt::format("Progress · {} of {} solved · {} attempted · {} new", solved, total,
                          attempted, total - solved - attempted))
      << "\n"
      << fmt::format("  {} submission{} in {}\n", rows, rows == 1 ? "" : "s",
                     History::default_path().string());
  size_t tag_w = 10;
  for (const auto& [name, t] : by_tag) {
    tag_w = std::max(tag_w, name.size());
  }
  // Difficulties in their natural order, then any other.
  std::vector<std::string> order = {"easy", "medium", "hard"};
  for (const auto& [name, t] : by_difficulty) {
    if (std::find(order.begin(), order.end(), name) == order.end()) {
      order.push_back(name);
    }
  }
  out << "\n" << bold(fmt::format("  {:<{}}  solved", "difficulty", tag_w)) << "\n";
  for (const std::string& name : order) {
    auto it = by_difficulty.find(name);
    if (it != by_difficulty.end()) {
      out << fmt::format("  {:<{}}  {:>2}/{:<3}  {}\n", name, tag_w, it->second.solved,
                         it->second.total, bar(it->second));
    }
  }
  out << "\n" << bold(fmt::format("  {:<{}}  solved", "tag", tag_w)) << "\n";
  for (const auto& [name, t] : by_tag) {
    out << fmt::format("  {:<{}}  {:>2}/{:<3}  {}\n", name, tag_w, t.solved, t.total, bar(t));
  }
  if (!history->empty()) {
    out << "\n"
        << bold("  challenge                 status     attempts  best speed  last attempt")
        << "\n";
    for (const auto& [id, p] : *history) {
      std::string speed = p.best_speed_ratio ? fmt::format("{:.2f}×", *p.best_speed_ratio) : "-";
      out << fmt::format("  {:<24}  {:<9}  {:>8}  {:>10}  {}\n", id,
                         p.solved ? "solved" : "attempted", p.attempts, speed, p.last_at);
    }
    out << "\n  best speed: your fastest accepted submission's time over the reference's "
           "(below 1: faster)\n";
  } else {
    out << "\n  Nothing judged yet: `pyjudge list`, then `pyjudge init ID`.\n";
  }
  return k_exit_accepted;
}

struct GradeArgs {
  std::string dir = ".";
  std::vector<std::string> inputs;  // merge: shard documents
  std::string junit;
  std::string json;
  bool github = false;
  std::optional<double> min_score;
  bool require_all = false;
  std::string timing;
  std::string shard;
  unsigned jobs = 0;
  std::string color = "auto";
  std::string harness;
  bool unsafe = false;
};

// Writes `text` to `path` whole or not at all ("-": stdout).
std::optional<std::string> write_output(const std::string& path, const std::string& text,
                                        std::ostream& out) {
  if (path == "-") {
    out << text;
    return std::nullopt;
  }
  if (int e = write_atomically(path, text, true); e != 0) {
    return fmt::format("cannot write {}: {}", path, std::strerror(e));
  }
  return std::nullopt;
}

// Renders a grade document to every output asked for, and returns the exit status.
int finish_grade(nlohmann::ordered_json& doc, const GradeArgs& a, std::ostream& out,
                 std::ostream& err) {
  std::optional<bool> require_all;
  if (a.require_all) {
    require_all = true;
  }
  Outcome o = evaluate(doc, a.min_score, require_all);
  bool json_to_stdout = a.json == "-";
  std::ostream& human = json_to_stdout ? err : out;
  if (a.github) {
    const char* ws = std::getenv("GITHUB_WORKSPACE");
    print_github(human, doc, ws != nullptr ? ws : "");
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr && *summary) {
      std::ofstream f(summary, std::ios::app | std::ios::binary);
      f << step_summary(doc);
      if (!f) {
        err << "pyjudge: warning: cannot append to $GITHUB_STEP_SUMMARY (" << summary << ")\n";
      }
    }
  } else {
    print_grade_summary(
        human, doc,
        TtyStyle::detect(json_to_stdout ? STDERR_FILENO : STDOUT_FILENO, a.color).color);
  }
  bool failed_write = false;
  if (!a.json.empty()) {
    if (auto e = write_output(
            a.json,
            doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
            out)) {
      err << "pyjudge: " << *e << "\n";
      failed_write = true;
    }
  }
  if (!a.junit.empty()) {
    if (auto e = write_output(a.junit, junit_xml(doc), out)) {
      err << "pyjudge: " << *e << "\n";
      failed_write = true;
    }
  }
  return failed_write ? k_exit_usage : o.status;
}

int grade_cmd(const GradeArgs& a, std::ostream& out, std::ostream& err) {
  Expected<GradePlan> plan = plan_grade(a.dir);
  if (!plan) {
    err << "pyjudge: " << plan.error().message << "\n";
    return k_exit_usage;
  }
  if (!a.timing.empty()) {
    plan->timing = *timing_policy_from_string(a.timing);
  }
  GradeOptions options;
  options.harness_exe =
      a.harness.empty() ? default_harness_path() : std::filesystem::path(a.harness);
  options.unsafe = a.unsafe;
  std::vector<GradeItem> items = plan->items;
  if (!a.shard.empty()) {
    auto shard = parse_shard(a.shard);
    if (!shard) {
      err << "pyjudge: " << shard.error().message << "\n";
      return k_exit_usage;
    }
    options.shard = *shard;
    items = shard_items(plan->items, shard->first, shard->second);
  }
  if (auto stop = refuse_without_sandbox(a.unsafe, err)) {
    return *stop;
  }
  WorkerPool::set_default_size(a.jobs);
  nlohmann::ordered_json doc = grade(*plan, items, options);
  return finish_grade(doc, a, out, err);
}

int merge_cmd(const GradeArgs& a, std::ostream& out, std::ostream& err) {
  std::vector<nlohmann::ordered_json> docs;
  for (const std::string& f : a.inputs) {
    std::error_code ec;
    std::filesystem::file_status st = std::filesystem::status(f, ec);
    if (!std::filesystem::exists(st) || std::filesystem::is_directory(st)) {
      err << "pyjudge: " << f
          << (std::filesystem::exists(st) ? " is a folder, not a file" : ": no such file")
          << "; give the files `pyjudge grade --shard I/N --json FILE` wrote\n";
      return k_exit_usage;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      err << "pyjudge: cannot read " << f << ": " << std::strerror(errno) << "\n";
      return k_exit_usage;
    }
    try {
      docs.push_back(nlohmann::ordered_json::parse(in));
    } catch (const nlohmann::json::parse_error& e) {
      err << "pyjudge: " << f << " is not JSON (" << e.what()
          << "); give the files `pyjudge grade --shard I/N --json FILE` wrote\n";
      return k_exit_usage;
    }
  }
  Expected<nlohmann::ordered_json> doc = merge_documents(docs);
  if (!doc) {
    err << "pyjudge: " << doc.error().message << "\n";
    return k_exit_usage;
  }
  return finish_grade(*doc, a, out, err);
}

struct BatchArgs {
  std::string challenge;
  std::vector<std::string> submissions;
  std::string entry;
  std::string report;
  std::string json;
  std::string csv;
  std::string pairs;
  std::string template_file;
  std::string db;
  bool resume = false;
  bool no_performance = false;
  bool unsafe = false;
  unsigned jobs = 0;
  std::string harness;
  std::string color = "auto";
};

std::atomic<bool> g_batch_stop{false};

extern "C" void on_batch_signal(int sig) {
  if (g_batch_stop.exchange(true)) {  // the second: at once, boxes ended and removed
    sandbox::leftovers::interrupt_from_handler(sig);
    return;
  }
  sandbox::leftovers::stopped_by(sig);
}

// Ctrl-C (and SIGTERM) stop a batch between submissions; a second one ends it at once.
class BatchSignals {
 public:
  BatchSignals() {
    struct sigaction sa {};
    sa.sa_handler = on_batch_signal;
    sigemptyset(&sa.sa_mask);
    // A signal ignored when pyjudge started (nohup, `cmd &` in a script) stays ignored.
    sigaction(SIGINT, nullptr, &old_int_);
    sigaction(SIGTERM, nullptr, &old_term_);
    if (old_int_.sa_handler != SIG_IGN) {
      sigaction(SIGINT, &sa, nullptr);
    }
    if (old_term_.sa_handler != SIG_IGN) {
      sigaction(SIGTERM, &sa, nullptr);
    }
  }
  BatchSignals(const BatchSignals&) = delete;
  BatchSignals& operator=(const BatchSignals&) = delete;
  ~BatchSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::filesystem::path batch_store_path(const BatchArgs& a) {
  if (!a.db.empty()) {
    return a.db;
  }
  for (const std::string& out : {a.report, a.json, a.csv, a.pairs}) {
    if (!out.empty() && out != "-") {
      std::filesystem::path p(out);
      return p.parent_path() / (p.stem().string() + ".pyjudge.sqlite3");
    }
  }
  return "pyjudge-batch.sqlite3";
}

// What a batch will write, checked before any candidate is judged: each file in a folder that
// exists and can be written, none given twice or to stdout twice, none a candidate's own file,
// the template or the result store.
std::optional<std::string> check_batch_outputs(const BatchArgs& a,
                                               const std::filesystem::path& store) {
  namespace fs = std::filesystem;
  auto same = [](const fs::path& x, const fs::path& y) {
    std::error_code e1;
    std::error_code e2;
    fs::path real_x = fs::weakly_canonical(x, e1);
    fs::path real_y = fs::weakly_canonical(y, e2);
    if (e1 || e2) {  // unresolvable (a folder without access): compared as written
      return fs::absolute(x, e1).lexically_normal() == fs::absolute(y, e2).lexically_normal();
    }
    return real_x == real_y;
  };

  std::vector<std::pair<std::string, fs::path>> taken;  // what a path already is
  for (const std::string& s : a.submissions) {
    taken.emplace_back("a candidate's submission", s);
  }
  if (!a.template_file.empty()) {
    taken.emplace_back("the --template file", a.template_file);
  }
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const auto& [option, path] : {std::pair{"--json", &a.json},
                                     {"--report", &a.report},
                                     {"--csv", &a.csv},
                                     {"--pairs", &a.pairs}}) {
    if (!path->empty()) {
      outputs.emplace_back(option, *path);
    }
  }
  // Last: an output the user named is the one a message names first. An implicit store is
  // called what it is, not by an option the user never gave.
  outputs.emplace_back(
      a.db.empty() ? "the result store (give --db FILE to put it elsewhere)" : "--db",
      store.string());
  std::string on_stdout;
  for (const auto& [option, path] : outputs) {
    if (path == "-") {
      if (!on_stdout.empty()) {
        return fmt::format("{} and {} both write to stdout (-): give one of them a file", on_stdout,
                           option);
      }
      on_stdout = option;
      continue;
    }
    fs::path p(path);
    for (const auto& [what, other] : taken) {
      if (same(p, other)) {
        return fmt::format("{} {} is {}: give another file, so that nothing is overwritten", option,
                           path, what);
      }
    }
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      return fmt::format("{} {} is a folder: give a file name in it", option, path);
    }
    fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (!fs::is_directory(parent, ec)) {
      return fmt::format("cannot write {} {}: the folder {} does not exist; create it first",
                         option, path, parent.string());
    }
    if (access(parent.c_str(), W_OK) != 0) {
      return fmt::format("cannot write {} {}: the folder {} is not writable ({})", option, path,
                         parent.string(), std::strerror(errno));
    }
    taken.emplace_back(option.starts_with("--") && option != "--db"
                           ? "also the file of " + option
                           : std::string("the result store"),
                       p);
  }
  return std::nullopt;
}

int batch_cmd(const BatchArgs& a, std::ostream& out, std::ostream& err) {
  if (auto e = check_batch_outputs(a, batch_store_path(a))) {
    err << "pyjudge: " << *e << "\n";
    return k_exit_usage;
  }
  std::optional<Challenge> challenge = load_for_judging(a.challenge, err);
  if (!challenge) {
    return k_exit_usage;
  }
  std::string template_source;
  if (!a.template_file.empty()) {
    auto t = read_submission(a.template_file);
    if (!t) {
      err << "pyjudge: --template: " << t.error().message << "\n";
      return k_exit_usage;
    }
    template_source = t->source;
    if (!is_utf8(template_source) || template_source.find('\0') != std::string::npos) {
      err << "pyjudge: --template " << a.template_file
          << " is not Python source text: give the starter .py file candidates were given\n";
      return k_exit_usage;
    }
  }
  WorkerPool::set_default_size(a.jobs);
  JudgeOptions options;
  if (auto stop = prepare_judging(*challenge, a.harness, a.unsafe, options, err)) {
    return *stop;
  }
  options.reveal_hidden = true;  // the interviewer sees the hidden tests
  options.stop = &g_batch_stop;
  g_batch_stop.store(false);

  std::ifstream spec_in(challenge->spec_file, std::ios::binary);
  std::stringstream spec_text;
  spec_text << spec_in.rdbuf();
  auto store =
      BatchStore::open(batch_store_path(a), challenge->id, sha256_hex(spec_text.str()), a.resume);
  if (!store) {
    err << "pyjudge: " << store.error().message << "\n";
    return k_exit_usage;
  }

  // Every argument is a candidate; what cannot be judged is recorded with the reason.
  std::vector<CandidateFile> files;
  std::map<std::string, std::string> taken_by;  // a candidate's name: the argument that has it
  std::vector<bool> name_taken;  // a later argument of the same name: refused, never stored
  for (const std::string& s : a.submissions) {
    CandidateFile f = collect_candidate(s, a.entry, challenge->id);
    auto [first, fresh] = taken_by.emplace(f.name, f.origin);
    if (!fresh && f.refused.empty()) {
      f.refused = fmt::format("a candidate named `{}` was given already ({}): rename one of them",
                              f.name, first->second);
      f.submission.reset();
    }
    name_taken.push_back(!fresh);
    files.push_back(std::move(f));
  }
  bool timing = challenge->performance.has_value() && !a.no_performance;
  std::vector<std::string> shas(files.size());
  std::vector<std::optional<nlohmann::ordered_json>> rows(files.size());
  std::vector<size_t> to_judge;
  std::vector<size_t> to_time;  // accepted, and still to be timed against the reference
  size_t resumed = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const CandidateFile& f = files[i];
    if (name_taken[i]) {  // the store keeps one row per name: the first argument's
      rows[i] = refused_row(f);
      continue;
    }
    shas[i] = sha256_hex(f.submission ? f.submission->source : "refused: " + f.refused);
    auto stored = store->find(f.name, shas[i]);
    if (stored && !stored->complete && stored->row.value("verdict", "") == "IE") {
      stored.reset();  // the judge's fault last time: judged again
    }
    if (stored) {
      // A row stored untimed was accepted: without --no-performance it is timed now, never
      // judged again.
      if (!stored->complete && timing && f.submission) {
        to_time.push_back(i);
      }
      rows[i] = std::move(stored->row);
      ++resumed;
      continue;
    }
    if (!f.submission) {
      rows[i] = refused_row(f);
      if (auto e = store->put(f.name, shas[i], *rows[i], true)) {
        err << "pyjudge: " << *e << "\n";
        return k_exit_internal;
      }
      continue;
    }
    to_judge.push_back(i);
  }
  bool tty = isatty(STDERR_FILENO) == 1;
  size_t finished = files.size() - to_judge.size();
  auto progress = [&](const std::string& name, const std::string& what) {
    if (tty) {
      size_t width = 30;
      size_t filled = files.empty() ? width : finished * width / files.size();
      err << "\r\x1b[K[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
          << finished << "/" << files.size() << "  " << name << ": " << what << std::flush;
    } else {
      err << fmt::format("[{}/{}] {}: {}\n", finished, files.size(), name, what);
    }
  };
  if (resumed > 0) {
    err << fmt::format(
        "pyjudge: {} of {} candidates already judged in {}{}; judging the rest\n", resumed,
        files.size(), store->path().string(),
        to_time.empty() ? "" : fmt::format(" ({} of them still to be timed)", to_time.size()));
  }
  bool store_failed = false;
  std::optional<BatchSignals> signals;
  signals.emplace();
  {
    std::vector<EncodedTest> requests = make_requests(*challenge);
    std::vector<JudgeJob> jobs;
    for (size_t i : to_judge) {
      jobs.push_back({&*challenge, &*files[i].submission, &requests});
    }
    judge_jobs(jobs, options, [&](size_t j, const Report& r) {
      size_t i = to_judge[j];
      nlohmann::ordered_json row = candidate_row(*challenge, files[i], r, nullptr);
      // Complete: nothing is left to do for it. An accepted one judged untimed is timed by a
      // later --resume without --no-performance; an internal error is judged again.
      bool complete = r.verdict != Verdict::AC && r.verdict != Verdict::IE;
      if (auto e = store->put(files[i].name, shas[i], row, complete)) {
        err << "\npyjudge: " << *e << "\n";
        store_failed = true;
      }
      rows[i] = std::move(row);
      ++finished;
      progress(files[i].name, std::string(to_string(r.verdict)));
    });
    for (size_t i : to_judge) {
      if (timing && rows[i] && (*rows[i])["verdict"] == "AC") {
        to_time.push_back(i);
      }
    }
    // Speed and growth for the accepted, one at a time (timing runs never compete).
    for (size_t i : to_time) {
      if (g_batch_stop.load()) {
        break;
      }
      progress(files[i].name, "timing against the reference");
      PerfReport perf = measure_performance(*challenge, *files[i].submission,
                                            {options.harness_exe, options.unsafe});
      if (g_batch_stop.load()) {
        break;  // a run cut short is measured again on --resume
      }
      nlohmann::ordered_json timed;
      add_performance_json(timed, perf);
      if (perf.wrong_answer) {
        timed["message"] = perf.message;
      }
      rows[i]->update(timed);
      if (auto e = store->put(files[i].name, shas[i], *rows[i], true)) {
        err << "\npyjudge: " << *e << "\n";
        store_failed = true;
      }
    }
  }
  signals.reset();
  if (tty) {
    err << "\r\x1b[K";
  }
  if (g_batch_stop.load()) {
    size_t stored = 0;  // a later argument of a taken name is never stored
    for (size_t i = 0; i < rows.size(); ++i) {
      stored += rows[i] && !name_taken[i] ? 1 : 0;
    }
    err << fmt::format(
        "pyjudge: stopped: {} of {} candidates judged and kept in {}; run the same command with "
        "--resume to judge the rest\n",
        stored, files.size(), store->path().string());
    return 130;
  }
  std::vector<nlohmann::ordered_json> all;
  for (auto& r : rows) {
    if (r) {
      all.push_back(std::move(*r));
    }
  }
  nlohmann::ordered_json doc = batch_document(*challenge, std::move(all), template_source);
  // A ranked table on the terminal (on stderr when an output goes to stdout).
  bool stdout_taken = a.json == "-" || a.report == "-" || a.csv == "-" || a.pairs == "-";
  std::ostream& table = stdout_taken ? err : out;
  table << fmt::format("{} · {} · {} candidate{}\n\n", challenge->id, challenge->title,
                       doc["candidates"].size(), doc["candidates"].size() == 1 ? "" : "s");
  table << fmt::format("  {:>4}  {:<24} {:<8} {:>6}  {:>7}  {:>7}  {:<14} {}\n", "rank",
                       "candidate", "verdict", "score", "tests", "speed", "growth", "similar");
  bool internal = false;
  for (const auto& r : doc["candidates"]) {
    internal = internal || r["verdict"] == "IE";
    std::string speed =
        r.contains("speed") ? fmt::format("{:.2f}×", r["speed"]["ratio"].get<double>()) : "-";
    std::string growth = r.contains("growth") ? r["growth"]["verdict"].get<std::string>() : "-";
    std::string similar = r["similarity_flag"].get<bool>()
                              ? fmt::format("{:.0f} %", r["similarity_max"].get<double>() * 100)
                              : "";
    std::string name = r["name"].get<std::string>();
    std::string line =
        fmt::format("  {:>4}  {:<24} {:<8} {:>6.1f}  {:>7}  {:>7}  {:<14} {}",
                    r["rank"].get<size_t>(), name.size() > 24 ? name.substr(0, 23) + "…" : name,
                    r["verdict"].get<std::string>(), r["score"].get<double>(),
                    fmt::format("{}/{}", r["passed"].get<int64_t>(), r["total"].get<int64_t>()),
                    speed, growth, similar);
    table << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    if (r["verdict"] == "refused") {
      table << "        refused: " << r["message"].get<std::string>() << "\n";
    }
  }
  size_t flagged = 0;
  for (const auto& p : doc["similarity"]) {
    flagged += p["flagged"].get<bool>() ? 1 : 0;
  }
  if (flagged > 0) {
    table << fmt::format(
        "\n{} pair{} with similarity of 60 % or more (see the JSON or --pairs for "
        "the shared lines). {}\n",
        flagged, flagged == 1 ? "" : "s", doc["similarity_note"].get<std::string>());
  }
  bool failed_write = store_failed;
  for (const auto& [path, text] :
       {std::pair{a.json,
                  doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"},
        {a.report, a.report.empty() ? std::string() : batch_html(doc)},
        {a.csv, batch_csv(doc)},
        {a.pairs, similarity_csv(doc)}}) {
    if (path.empty()) {
      continue;
    }
    if (auto e = write_output(path, text, out)) {
      err << "pyjudge: " << *e << "\n";
      failed_write = true;
    }
  }
  if (internal) {
    return k_exit_internal;
  }
  return failed_write ? k_exit_usage : k_exit_accepted;
}

struct ValidateArgs {
  std::vector<std::string> dirs;
  bool json = false;
  bool unsafe = false;
  std::string harness;
};

int validate_cmd(const ValidateArgs& a, std::ostream& out, std::ostream& err) {
  ValidateOptions options;
  options.harness_exe =
      a.harness.empty() ? default_harness_path() : std::filesystem::path(a.harness);
  options.unsafe = a.unsafe;
  options.cache_dir = default_cache_dir();
  if (!a.unsafe) {
    if (auto missing = sandbox::probe_minimum()) {
      err << "pyjudge: refusing to run solutions: this host cannot give the minimum sandbox\n  "
          << *missing << "\n";
      return k_exit_internal;
    }
  }
  bool all_ok = true;
  bool spec_error = false;
  auto results = nlohmann::ordered_json::array();
  for (const std::string& arg : a.dirs) {
    Expected<std::filesystem::path> dir = find_challenge(arg, default_challenges_root());
    Validation v;
    if (!dir) {
      v.dir = arg;
      v.checks.push_back({"spec", false, dir.error().message});
    } else {
      v = validate(*dir, options);
    }
    all_ok = all_ok && v.ok();
    spec_error = spec_error || !v.loaded;
    if (a.json) {
      auto checks = nlohmann::ordered_json::array();
      for (const Check& c : v.checks) {
        checks.push_back({{"check", c.name}, {"ok", c.ok}, {"detail", c.detail}});
      }
      results.push_back({{"challenge", v.dir.string()}, {"ok", v.ok()}, {"checks", checks}});
      continue;
    }
    out << "pyjudge validate " << v.dir.string() << "\n";
    size_t width = 0;
    for (const Check& c : v.checks) {
      width = std::max(width, c.name.size());
    }
    for (const Check& c : v.checks) {
      out << fmt::format("  {} {:<{}}  {}\n", c.ok ? "ok  " : "FAIL", c.name, width, c.detail);
    }
    out << (v.ok() ? "  valid\n\n" : "  NOT valid\n\n");
  }
  if (a.json) {
    out << results.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }
  if (all_ok) {
    return k_exit_accepted;
  }
  return spec_error ? k_exit_usage : k_exit_rejected;
}

int new_cmd(const std::string& id, const std::string& kind_name, const std::string& parent,
            std::ostream& out, std::ostream& err) {
  auto kind = kind_from_string(kind_name);
  if (!kind) {
    err << "pyjudge: unknown kind `" << kind_name
        << "`: use function, class, generator, script or program\n";
    return k_exit_usage;
  }
  Expected<std::filesystem::path> dir = scaffold(parent.empty() ? "." : parent, id, *kind);
  if (!dir) {
    err << "pyjudge: " << dir.error().message << "\n";
    return k_exit_usage;
  }
  out << "Created " << dir->string() << " (kind " << kind_name << ").\n"
      << "Edit challenge.yaml and reference.py, then run: pyjudge validate " << dir->string()
      << "\n";
  return k_exit_accepted;
}

// What the sandbox can use here (probed by using each feature), and the Python runtime.
int doctor(bool json, const std::string& harness_arg, std::ostream& out) {
  std::vector<sandbox::Probe> probes = sandbox::probe_host();
  std::filesystem::path harness =
      harness_arg.empty() ? default_harness_path() : std::filesystem::path(harness_arg);
  std::string python = "unknown: " + harness.string() + " did not start";
  bool harness_ok = false;
  std::vector<std::string> readable;
  try {
    bp::ipstream pipe;
    bp::child c(harness.string(), "--describe", bp::std_out > pipe, bp::std_err > bp::null);
    std::string line;
    while (std::getline(pipe, line)) {
      if (line.starts_with("python ")) {
        python = line.substr(7);
        harness_ok = true;
      } else if (line.starts_with("read-only ")) {
        readable.push_back(line.substr(10));
      }
    }
    c.wait();
    harness_ok = harness_ok && c.exit_code() == 0;
  } catch (const std::exception& e) {
    python += std::string(" (") + e.what() + ")";
  }
  std::string no_harness =
      harness_ok ? ""
                 : fmt::format(
                       "The harness {} did not start, so pyjudge cannot judge: keep "
                       "pyjudge-harness next to pyjudge, or give its path with --harness "
                       "or $PYJUDGE_HARNESS.",
                       harness.string());
  bool minimum = true;
  for (const auto& p : probes) {
    minimum = minimum && (!p.required || p.available);
  }
  if (json) {
    nlohmann::ordered_json j;
    j["kernel"] = sandbox::kernel_description();
    j["python"] = python;
    j["harness"] = harness.string();
    auto layers = nlohmann::ordered_json::array();
    for (const auto& p : probes) {
      layers.push_back({{"layer", p.layer},
                        {"available", p.available},
                        {"required", p.required},
                        {"detail", p.detail}});
    }
    j["layers"] = layers;
    j["read_only"] = readable;
    j["minimum_holds"] = minimum;
    j["harness_starts"] = harness_ok;
    if (!harness_ok) {
      j["problem"] = no_harness;
    }
    out << j.dump(2) << "\n";
    return minimum && harness_ok ? k_exit_accepted : k_exit_rejected;
  }
  out << "pyjudge doctor: what the sandbox can use on this host\n\n";
  out << fmt::format("  {:<11} {}\n", "kernel", sandbox::kernel_description());
  out << fmt::format("  {:<11} {}\n", "python", python);
  out << fmt::format("  {:<11} {}\n\n", "harness", harness.string());
  for (const auto& p : probes) {
    std::string note = p.required ? " (required)" : "";
    out << fmt::format("  {} {:<11} {}{}\n", p.available ? "yes" : "NO ", p.layer, p.detail, note);
  }
  out << "\n  the box may read: ";
  for (size_t i = 0; i < readable.size(); ++i) {
    out << (i ? ", " : "") << readable[i];
  }
  if (!harness_ok) {
    out << "(unknown: the harness did not start)";
  }
  out << "\n\n";
  if (!harness_ok) {  // said first: nothing below matters until it starts
    out << no_harness << "\n";
  }
  out << (!minimum     ? "The minimum (rlimits + seccomp + Landlock) does NOT hold: pyjudge "
                         "refuses to judge here unless you pass --unsafe-no-sandbox (only for "
                         "code you trust).\n"
          : harness_ok ? "The minimum (rlimits + seccomp + Landlock) holds: pyjudge judges with "
                         "the layers marked yes.\n"
                       : "The minimum (rlimits + seccomp + Landlock) holds on this host: once the "
                         "harness starts, pyjudge judges with the layers marked yes.\n");
  return minimum && harness_ok ? k_exit_accepted : k_exit_rejected;
}

// Option values checked with messages that say what is wanted (CLI11's own ranges print
// the largest double in full).
const CLI::Validator k_jobs(
    [](std::string& s) -> std::string {
      char* end = nullptr;
      errno = 0;
      long v = std::strtol(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0' || errno != 0 || v < 1 || v > 256) {
        return "must be a whole number from 1 to 256, got `" + s + "`";
      }
      return "";
    },
    "N");
const CLI::Validator k_score(
    [](std::string& s) -> std::string {
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0) {
        return "must be a number ≥ 0 (points), such as 15, got `" + s + "`";
      }
      return "";
    },
    "POINTS");

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"pyjudge — a sandboxed judge for Python code challenges", "pyjudge"};
  app.set_version_flag("--version", std::string("pyjudge ") + PYJUDGE_VERSION);
  app.require_subcommand(1);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "Log what the judge does (-vv for more)");
  app.footer(
      "Exit status: 0 success, 1 not accepted (a test, threshold or check failed), 2 usage or "
      "spec error, 3 internal error (the judge's fault); `pyjudge COMMAND --help` says what "
      "each means for that command.");

  SubmitArgs submit_args;
  CLI::App* cmd = app.add_subcommand(
      "submit", "Judge FILE against every test of CHALLENGE (samples and hidden tests)");
  cmd->add_option("CHALLENGE", submit_args.challenge,
                  "A bundled challenge id (e.g. two-sum) or a path to a challenge folder")
      ->required();
  cmd->add_option(
         "FILE", submit_args.files,
         "Your solution, a .py file; with several, one line (or, in a JSON array, one object) each")
      ->required();
  cmd->add_option("-j,--jobs", submit_args.jobs,
                  "How many files to judge at once (default: one per core)")
      ->check(k_jobs);
  cmd->add_flag("--json", submit_args.json, "Print one JSON object instead of the table");
  cmd->add_option("--color", submit_args.color, "Colour the table: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("--no-performance", submit_args.no_performance,
                "Skip timing against the reference (the challenge's `performance` section)");
  cmd->add_flag("--unsafe-no-sandbox", submit_args.unsafe,
                "Judge even where seccomp is unavailable (only for code you trust)");
  cmd->add_option("--harness", submit_args.harness,
                  "Path to pyjudge-harness (default: next to this binary, or $PYJUDGE_HARNESS)");
  cmd->add_flag("--watch", submit_args.watch,
                "Judge again every time FILE is saved (Ctrl-C stops)");
  cmd->add_flag("--no-history", submit_args.no_history,
                "Do not record this in your practice history (`pyjudge progress`)");

  TestArgs test_args;
  CLI::App* test = app.add_subcommand(
      "test", "Run FILE on CHALLENGE's sample tests only, showing every failing one in full");
  test->add_option("CHALLENGE", test_args.challenge, "A bundled challenge id or a folder")
      ->required();
  test->add_option("FILE", test_args.file, "Your solution, a .py file")->required();
  test->add_flag("--json", test_args.json, "Print one JSON object instead of the table");
  test->add_option("--color", test_args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  test->add_flag("--unsafe-no-sandbox", test_args.unsafe,
                 "Judge even where seccomp is unavailable (only for code you trust)");
  test->add_flag("--no-history", test_args.no_history,
                 "Do not record this in your practice history");
  test->add_option("--harness", test_args.harness, "Path to pyjudge-harness");

  ListArgs list_args;
  CLI::App* list = app.add_subcommand(
      "list", "List the bundled challenges with your status: solved, attempted or new");
  list->add_option("--tag", list_args.filter.tags, "Only challenges with this tag (repeatable)");
  list->add_option("--difficulty", list_args.filter.difficulty, "easy, medium or hard")
      ->check(CLI::IsMember({"easy", "medium", "hard"}));
  list->add_option("--status", list_args.filter.status, "solved, attempted or new")
      ->check(CLI::IsMember({"solved", "attempted", "new"}));
  list->add_flag("--json", list_args.json, "Print JSON");
  list->add_option("--color", list_args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::string show_id;
  std::string show_color = "auto";
  CLI::App* show =
      app.add_subcommand("show", "Show a challenge: statement, signature, samples, limits");
  show->add_option("CHALLENGE", show_id, "A bundled challenge id or a folder")->required();
  show->add_option("--color", show_color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  std::string init_id;
  std::string init_file;
  bool init_force = false;
  CLI::App* init = app.add_subcommand(
      "init", "Write a file to start CHALLENGE from: signature, docstring, samples as comments");
  init->add_option("CHALLENGE", init_id, "A bundled challenge id or a folder")->required();
  init->add_option("-o,--output", init_file, "The file to write (default: the id, as two_sum.py)");
  init->add_flag("--force", init_force, "Replace the file if it exists");

  GradeArgs grade_args;
  CLI::App* grade_app = app.add_subcommand(
      "grade",
      "Grade a practice repository in CI: every solution in DIR, by pyjudge.yaml or by "
      "file name (two_sum.py solves two-sum)");
  grade_app->add_option("DIR", grade_args.dir, "The repository (default: the current folder)");
  GradeArgs merge_args;
  CLI::App* merge_app = app.add_subcommand(
      "merge", "Combine the JSON of `pyjudge grade --shard I/N` runs into one report");
  merge_app->add_option("SHARD", merge_args.inputs, "The shards' JSON files")->required();
  for (auto [sub, args] : {std::pair{grade_app, &grade_args}, {merge_app, &merge_args}}) {
    sub->add_option("--junit", args->junit, "Write JUnit XML here (one testsuite per challenge)");
    sub->add_option("--json", args->json, "Write the JSON report here (- for stdout)");
    sub->add_flag("--github", args->github,
                  "GitHub Actions: annotations on failing files and a job summary");
    sub->add_option("--min-score", args->min_score,
                    "Pass when the total points reach N (failing solutions allowed)")
        ->check(k_score);
    sub->add_flag("--require-all", args->require_all,
                  "Every solution must be accepted (the default without --min-score)");
    sub->add_option("--color", args->color, "auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }
  grade_app
      ->add_option("--timing", grade_args.timing,
                   "off (default): no timing runs; report: show speed and growth; enforce: "
                   "also fail a solution over its challenge's max_ratio")
      ->check(CLI::IsMember({"off", "report", "enforce"}));
  grade_app->add_option("--shard", grade_args.shard,
                        "Grade only part I of N (e.g. 2/4), for a CI matrix; then `pyjudge merge`");
  grade_app->add_option("-j,--jobs", grade_args.jobs, "How many solutions at once (default: cores)")
      ->check(k_jobs);
  grade_app->add_flag("--unsafe-no-sandbox", grade_args.unsafe,
                      "Judge even where seccomp is unavailable (only for code you trust)");
  grade_app->add_option("--harness", grade_args.harness, "Path to pyjudge-harness");

  BatchArgs batch_args;
  CLI::App* batch = app.add_subcommand(
      "batch", "Judge many candidates' take-homes: ranked results, similarity, resumable");
  batch->add_option("CHALLENGE", batch_args.challenge, "A bundled challenge id or a folder")
      ->required();
  batch
      ->add_option("SUBMISSIONS", batch_args.submissions,
                   "Each a .py file, a folder or a .zip; the candidate is its name")
      ->required();
  batch->add_option("--entry", batch_args.entry,
                    "The file to judge in a folder or zip (default: <id>.py, solution.py, "
                    "main.py or the only .py)");
  batch->add_option("--report", batch_args.report,
                    "Write the interviewer's report: one self-contained HTML file");
  batch->add_option("--json", batch_args.json, "Write the ranked results as JSON (- for stdout)");
  batch->add_option("--csv", batch_args.csv, "Write the ranked results as CSV");
  batch->add_option("--pairs", batch_args.pairs,
                    "Write the similar pairs as CSV (pair, similarity, longest shared lines)");
  batch->add_option(
      "--template", batch_args.template_file,
      "The starter code candidates were given: what it holds never counts as similar");
  batch->add_option("--db", batch_args.db,
                    "The SQLite file results are kept in (default: next to --report/--json/--csv, "
                    "else ./pyjudge-batch.sqlite3)");
  batch->add_flag("--resume", batch_args.resume,
                  "Continue a stopped batch: judge only candidates not yet in the store");
  batch->add_flag("--no-performance", batch_args.no_performance,
                  "Skip timing accepted solutions against the reference");
  batch->add_option("-j,--jobs", batch_args.jobs, "How many at once (default: one per core)")
      ->check(k_jobs);
  batch->add_flag("--unsafe-no-sandbox", batch_args.unsafe,
                  "Judge even where seccomp is unavailable (only for code you trust)");
  batch->add_option("--harness", batch_args.harness, "Path to pyjudge-harness");

  bool progress_json = false;
  std::string progress_color = "auto";
  CLI::App* progress = app.add_subcommand(
      "progress", "Your practice so far: solved per difficulty and tag, best speed per challenge");
  progress->add_flag("--json", progress_json, "Print JSON");
  progress->add_option("--color", progress_color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  bool doctor_json = false;
  std::string doctor_harness;
  CLI::App* doc = app.add_subcommand(
      "doctor", "Show which sandbox layers this host offers and the Python runtime in use");
  doc->add_flag("--json", doctor_json, "Print one JSON object");
  doc->add_option("--harness", doctor_harness, "Path to pyjudge-harness");

  ValidateArgs validate_args;
  CLI::App* val = app.add_subcommand(
      "validate",
      "Prove challenges right: spec, samples, deterministic generators, the reference passes "
      "every test, each declared wrong solution gets its verdict");
  val->add_option("DIR", validate_args.dirs, "Challenge folders (or Kattis problem packages)")
      ->required();
  val->add_flag("--json", validate_args.json, "Print JSON instead of text");
  val->add_flag("--unsafe-no-sandbox", validate_args.unsafe,
                "Run solutions even where seccomp is unavailable (only for code you trust)");
  val->add_option("--harness", validate_args.harness, "Path to pyjudge-harness");

  std::string new_id;
  std::string new_kind = "function";
  std::string new_dir;
  CLI::App* scaffold_cmd = app.add_subcommand(
      "new", "Create a challenge folder ID that validates as it is, to edit into your own");
  scaffold_cmd->add_option("ID", new_id, "The challenge id: lower-case words joined by hyphens")
      ->required();
  scaffold_cmd->add_option("--kind", new_kind, "function, class, generator, script or program")
      ->check(CLI::IsMember({"function", "class", "generator", "script", "program"}));
  scaffold_cmd->add_option("--dir", new_dir, "Where to create it (default: the current folder)");

  // What each command's exit status means, at the end of its --help.
  const std::string usage_only =
      "Exit status: 0 done, 2 usage error (such as an unknown challenge).";
  for (auto [sub, footer] : std::initializer_list<std::pair<CLI::App*, std::string>>{
           {cmd,
            "Exit status: 0 every test of every file accepted, 1 some test not accepted (or over "
            "max_ratio), 2 usage or spec error, 3 internal error (the judge's fault)."},
           {test,
            "Exit status: 0 every sample accepted, 1 some sample not accepted, 2 usage or spec "
            "error, 3 internal error (the judge's fault)."},
           {list,
            "Exit status: 0 done, 2 usage error (such as an unknown option, or bundled "
            "challenges that do not load)."},
           {show, usage_only},
           {init, usage_only + " An existing file is never replaced without --force."},
           {progress,
            "Exit status: 0 done (no history yet is 0 solved), 2 a history that cannot be "
            "read."},
           {grade_app,
            "Exit status: 0 passed (every solution accepted, or --min-score reached), 1 not "
            "passed, 2 usage error or an output that could not be written, 3 internal error "
            "(the judge's fault)."},
           {merge_app,
            "Exit status: as `pyjudge grade` for the combined report (1 also when a shard is "
            "missing), 2 a file that is not a shard's JSON."},
           {batch,
            "Exit status: 0 every candidate judged or refused with a reason (whatever their "
            "verdicts: see the report), 2 usage or spec error or an output that could not be "
            "written, 3 some candidate's run hit an internal error (IE), 130 stopped by Ctrl-C "
            "(--resume goes on)."},
           {doc,
            "Exit status: 0 the minimum sandbox (rlimits, seccomp, Landlock) holds and the "
            "harness starts, 1 not."},
           {val,
            "Exit status: 0 every challenge valid, 1 some check failed, 2 a spec that does not "
            "load, 3 this host cannot give the minimum sandbox."},
           {scaffold_cmd,
            "Exit status: 0 created, 2 a bad id or kind, or a folder that exists."}}) {
    sub->footer(footer);
  }

  // A word where the command goes that is no command: said as such, with the list.
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word.starts_with("-")) {
      continue;
    }
    std::vector<CLI::App*> subs = app.get_subcommands([](CLI::App*) { return true; });
    if (std::none_of(subs.begin(), subs.end(),
                     [&](const CLI::App* sub) { return sub->get_name() == word; })) {
      std::string names;
      for (const CLI::App* sub : subs) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
      }
      err << "pyjudge: unknown command `" << word << "`; the commands are: " << names
          << "\nRun `pyjudge --help` for usage.\n";
      return k_exit_usage;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return k_exit_accepted;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return k_exit_accepted;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return k_exit_accepted;
  } catch (const CLI::ParseError& e) {
    err << "pyjudge: " << e.what() << "\n";
    std::string command;
    for (const CLI::App* sub : app.get_subcommands()) {
      command = " " + sub->get_name();
    }
    err << "Run `pyjudge" << command << " --help` for usage.\n";
    return k_exit_usage;
  }
  setup_logging(verbosity);
  try {
    if (cmd->parsed()) {
      return submit(submit_args, out, err);
    }
    if (batch->parsed()) {
      return batch_cmd(batch_args, out, err);
    }
    if (grade_app->parsed()) {
      return grade_cmd(grade_args, out, err);
    }
    if (merge_app->parsed()) {
      return merge_cmd(merge_args, out, err);
    }
    if (test->parsed()) {
      return test_cmd(test_args, out, err);
    }
    if (list->parsed()) {
      return list_cmd(list_args, out, err);
    }
    if (show->parsed()) {
      return show_cmd(show_id, show_color, out, err);
    }
    if (init->parsed()) {
      return init_cmd(init_id, init_file, init_force, out, err);
    }
    if (progress->parsed()) {
      return progress_cmd(progress_json, progress_color, out, err);
    }
    if (doc->parsed()) {
      return doctor(doctor_json, doctor_harness, out);
    }
    if (val->parsed()) {
      return validate_cmd(validate_args, out, err);
    }
    if (scaffold_cmd->parsed()) {
      return new_cmd(new_id, new_kind, new_dir, out, err);
    }
  } catch (const std::exception& e) {
    err << "pyjudge: internal error: " << e.what() << "\n";
    return k_exit_internal;
  }
  return k_exit_usage;
}

}  // namespace pyjudge::judge
