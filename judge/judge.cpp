#include "judge/judge.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <cstring>
#include <fstream>
#include <sstream>

#include "harness/wire.hpp"
#include "judge/compare.hpp"
#include "judge/runner.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t k_max_source_bytes = 1 << 20;

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = strsignal(sig);
  return fmt::format("SIG{} ({})", abbrev != nullptr ? abbrev : std::to_string(sig).c_str(),
                     text != nullptr ? text : "unknown signal");
}

std::string where(const harness::Failure& f) {
  if (f.line <= 0) {
    return "";
  }
  return f.function.empty() || f.function == "<module>"
             ? fmt::format(" at line {}", f.line)
             : fmt::format(" at line {} in {}", f.line, f.function);
}

std::string call_text(const Call& call, size_t max_chars = 80) {
  std::string args;
  for (const Value& a : call.args) {
    args += (args.empty() ? "" : ", ") + repr(a, max_chars);
  }
  return fmt::format("{}({})", call.method, args);
}

class Decider {
 public:
  Decider(const Challenge& c, const Submission& s) : c_(c), s_(s) {}

  // A test whose result frame arrived.
  void from_result(TestReport& t, const harness::Result& r) const {
    t.time_ms = static_cast<double>(r.cpu_ns) / 1e6;
    t.peak_memory_kb = r.peak_rss_kb;
    t.out = r.out;
    t.err = r.err;
    t.failed_call = c_.kind == ChallengeKind::object ? static_cast<int>(r.failed_call) : -1;
    if (!r.value.empty()) {
      try {
        t.got = from_wire(r.value);
      } catch (const wire::DecodeError& e) {
        return set(t, Verdict::RE, "the result channel was tampered with", e.what());
      }
    }
    using harness::ResultStatus;
    switch (r.status) {
      case ResultStatus::exception:
        return exception(t, r.failure);
      case ResultStatus::bad_value:
        return set(t, Verdict::WA, "returned " + op_prefix(t) + r.failure.message, "");
      case ResultStatus::output_limit: {
        bool printed = r.out.total + r.err.total > (uint64_t{c_.limits.output_mb} << 20);
        return set(t, Verdict::OLE,
                   fmt::format("{} more than the output limit of {} MB",
                               printed ? "printed" : "returned a value", c_.limits.output_mb),
                   "");
      }
      case ResultStatus::ok:
        break;
    }
    if (r.cpu_ns > uint64_t{c_.limits.time_ms} * 1'000'000) {
      return set(t, Verdict::TLE,
                 fmt::format("used {:.0f} ms of CPU time; the limit is {} ms", t.time_ms,
                             c_.limits.time_ms),
                 "");
    }
    if (!t.got) {
      return set(t, Verdict::RE, "no value came back", "");
    }
    compare(t);
  }

  // The test that was running when the child ended without a result.
  void from_ending(TestReport& t, const RunOutcome& o) const {
    t.time_ms = static_cast<double>(o.running_cpu_ns) / 1e6;
    t.peak_memory_kb = o.peak_rss_kb;
    uint64_t limit_kb = uint64_t{c_.limits.memory_mb} * 1024;
    bool near_memory_limit = o.peak_rss_kb * 10 >= limit_kb * 9 ||
                             o.diagnostics.find("MemoryError") != std::string::npos ||
                             o.diagnostics.find("Cannot allocate memory") != std::string::npos;
    switch (o.ending) {
      case Ending::cpu_limit:
        return set(t, Verdict::TLE,
                   fmt::format("used more than {} ms of CPU time", c_.limits.time_ms), "");
      case Ending::wall_limit:
        return set(t, Verdict::TLE,
                   fmt::format("took more than {} ms of wall-clock time (sleeping or waiting?)",
                               c_.limits.wall_ms()),
                   "");
      case Ending::corrupt:
        return set(t, Verdict::RE,
                   "the result channel was tampered with (writing to the judge's "
                   "pipe is not allowed)",
                   o.message);
      case Ending::harness_fault:
      case Ending::spawn_failed:
        return set(t, Verdict::IE, "internal error: " + o.message, "");
      case Ending::completed:
      case Ending::died:
        break;
    }
    if (o.signal == SIGXCPU) {
      return set(t, Verdict::TLE, "used up the CPU time of the whole run", "");
    }
    if (o.signal == SIGXFSZ) {
      return set(t, Verdict::OLE, "wrote a file larger than the limit", "");
    }
    if (near_memory_limit) {
      return set(t, Verdict::MLE,
                 fmt::format("ran out of memory (limit {} MB)", c_.limits.memory_mb), "");
    }
    if (o.signal != 0) {
      return set(t, Verdict::RE, "crashed with " + signal_name(o.signal), tail(o.diagnostics));
    }
    return set(t, Verdict::RE,
               fmt::format("exited with status {} before returning a result (no result): a "
                           "solution must return, not call sys.exit/os._exit or close the "
                           "judge's descriptors",
                           o.exit_code),
               tail(o.diagnostics));
  }

  static void set(TestReport& t, Verdict v, std::string message, std::string detail) {
    t.verdict = v;
    t.message = std::move(message);
    t.detail = std::move(detail);
  }

 private:
  [[nodiscard]] std::string op_prefix(const TestReport& t) const {
    if (t.failed_call < 0 || !t.test->sample) {
      return t.failed_call < 0 ? "" : fmt::format("(op {}) ", t.failed_call);
    }
    return fmt::format("(op {} `{}`) ", t.failed_call,
                       call_text(t.test->calls.at(static_cast<size_t>(t.failed_call))));
  }

  void exception(TestReport& t, const harness::Failure& f) const {
    t.line = f.line;
    std::string in_op;
    if (t.failed_call >= 0) {
      in_op = t.test->sample
                  ? fmt::format(" in op {} `{}`", t.failed_call,
                                call_text(t.test->calls.at(static_cast<size_t>(t.failed_call))))
                  : fmt::format(" in op {}", t.failed_call);
    }
    if (f.type == "MemoryError") {
      return set(t, Verdict::MLE,
                 fmt::format("ran out of memory (MemoryError{}; limit {} MB)", where(f),
                             c_.limits.memory_mb),
                 "");
    }
    if (f.type == "SystemExit") {
      return set(t, Verdict::RE,
                 "called sys.exit()" + where(f) + in_op +
                     " (no result; a solution must return its answer)",
                 "");
    }
    std::string text = f.type + where(f) + in_op;
    std::string full = f.message.empty() ? f.type : f.type + ": " + f.message;
    set(t, Verdict::RE, t.test->sample ? full + where(f) + in_op : text, full);
  }

  void compare(TestReport& t) const {
    const TestCase& tc = *t.test;
    if (c_.kind == ChallengeKind::function) {
      Comparison cmp = compare_values(tc.calls[0].expected, *t.got, c_.compare);
      if (cmp.equal) {
        return set(t, Verdict::AC, "", "");
      }
      return set(t, Verdict::WA, tc.sample ? cmp.why : "wrong answer", cmp.why);
    }
    const Value& got = *t.got;
    if (got.kind() != Value::Kind::list || got.size() != tc.calls.size()) {
      return set(t, Verdict::IE, "internal error: op results do not match the ops", "");
    }
    for (size_t i = 1; i < tc.calls.size(); ++i) {
      Comparison cmp = compare_values(tc.calls[i].expected, got.items()[i], c_.compare);
      if (!cmp.equal) {
        t.failed_call = static_cast<int>(i);
        std::string why = fmt::format("op {} `{}`: {}", i, call_text(tc.calls[i]), cmp.why);
        return set(t, Verdict::WA, tc.sample ? why : "wrong answer", why);
      }
    }
    set(t, Verdict::AC, "", "");
  }

  static std::string tail(const std::string& diagnostics) {
    constexpr size_t k_keep = 2000;
    return diagnostics.size() <= k_keep ? diagnostics
                                        : "…" + diagnostics.substr(diagnostics.size() - k_keep);
  }

  const Challenge& c_;
  const Submission& s_;
};

harness::Job make_job(const Challenge& c, const Submission& s) {
  harness::Job job;
  job.style =
      c.kind == ChallengeKind::object ? harness::CallStyle::object : harness::CallStyle::function;
  job.entry = c.entry;
  job.filename = s.filename;
  job.source = s.source;
  job.limits.time_ms = c.limits.time_ms;
  job.limits.memory_mb = c.limits.memory_mb;
  job.limits.output_bytes = uint64_t{c.limits.output_mb} << 20;
  return job;
}

harness::TestRequest make_request(const TestCase& t, uint32_t index) {
  harness::TestRequest req;
  req.index = index;
  for (const Call& call : t.calls) {
    req.calls.push_back({call.method, to_wire(Value::tuple(call.args))});
  }
  return req;
}

// A failure before any test ran (compile error, missing entry, top-level exception):
// every test gets the same verdict and the report carries the message once.
void fail_all(Report& report, size_t from, Verdict v, const std::string& message, int line = 0,
              int column = 0) {
  report.message = message;
  report.line = line;
  report.column = column;
  for (size_t i = from; i < report.tests.size(); ++i) {
    Decider::set(report.tests[i], v, message, "");
    report.tests[i].line = line;
  }
}

std::string ready_message(const harness::Ready& ready) {
  const harness::Failure& f = ready.failure;
  switch (ready.status) {
    case harness::ReadyStatus::compile_error:
      return f.line > 0
                 ? fmt::format("{}: {} (line {}, column {})", f.type, f.message, f.line, f.column)
                 : fmt::format("{}: {}", f.type, f.message);
    case harness::ReadyStatus::missing_entry:
      return f.message;
    case harness::ReadyStatus::import_error:
      if (f.type == "SystemExit") {
        return "called sys.exit() while loading" + where(f) + " (no result)";
      }
      return fmt::format("{}{}{} while loading your file", f.type,
                         f.message.empty() ? "" : ": " + f.message, where(f));
    case harness::ReadyStatus::ok:
      break;
  }
  return "";
}

Verdict ready_verdict(const harness::Ready& ready) {
  switch (ready.status) {
    case harness::ReadyStatus::compile_error:
    case harness::ReadyStatus::missing_entry:
      return Verdict::CE;
    case harness::ReadyStatus::import_error:
      return ready.failure.type == "MemoryError" ? Verdict::MLE : Verdict::RE;
    case harness::ReadyStatus::ok:
      break;
  }
  return Verdict::AC;
}

}  // namespace

size_t Report::passed() const {
  size_t n = 0;
  for (const auto& t : tests) {
    n += (!t.skipped && t.verdict == Verdict::AC) ? 1 : 0;
  }
  return n;
}

Expected<Submission> read_submission(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Error{fmt::format("{}: no such file (give the path to your .py file)", path.string())};
  }
  auto size = fs::file_size(path, ec);
  if (ec || size > k_max_source_bytes) {
    return Error{fmt::format("{}: {} bytes is larger than the 1 MiB a solution may have",
                             path.string(), size)};
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) {
    return Error{fmt::format("{}: cannot read the file", path.string())};
  }
  return Submission{path.filename().string(), ss.str()};
}

fs::path default_harness_path() {
  if (const char* env = std::getenv("PYJUDGE_HARNESS"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return (ec ? fs::current_path() : exe.parent_path()) / "pyjudge-harness";
}

std::string describe_input(const Challenge& c, const TestCase& t, size_t max_chars) {
  std::string out;
  if (c.kind == ChallengeKind::function) {
    const Call& call = t.calls.at(0);
    for (size_t i = 0; i < call.args.size(); ++i) {
      out += fmt::format("{}{} = {}", i ? ", " : "", c.function.params.at(i).name,
                         repr(call.args[i], max_chars));
    }
  } else {
    for (size_t i = 0; i < t.calls.size(); ++i) {
      out += (i ? ", " : "") + call_text(t.calls[i], max_chars);
    }
  }
  if (out.size() > max_chars) {
    out = out.substr(0, max_chars) + "…";
  }
  return out;
}

Report judge(const Challenge& c, const Submission& s, const JudgeOptions& options) {
  Report report;
  report.challenge = c.id;
  report.tests.resize(c.tests.size());
  for (size_t i = 0; i < c.tests.size(); ++i) {
    report.tests[i].test = &c.tests[i];
  }
  Decider decide(c, s);
  int timeouts = 0;
  size_t next = 0;
  while (next < c.tests.size()) {
    RunRequest req;
    req.harness_exe = options.harness_exe;
    req.job = make_job(c, s);
    req.time_ms = c.limits.time_ms;
    req.wall_ms = c.limits.wall_ms();
    for (size_t i = next; i < c.tests.size(); ++i) {
      req.tests.push_back(make_request(c.tests[i], static_cast<uint32_t>(i)));
    }
    RunOutcome o = run_harness(req);
    report.peak_memory_kb = std::max(report.peak_memory_kb, o.peak_rss_kb);
    if (o.ending == Ending::spawn_failed || o.ending == Ending::harness_fault ||
        (!o.loading_seen && o.ending != Ending::completed)) {
      std::string why =
          o.message.empty()
              ? fmt::format("the harness ended during start-up (exit {}, signal {}): {}",
                            o.exit_code, o.signal, o.diagnostics.substr(0, 2000))
              : o.message;
      fail_all(report, next, Verdict::IE, "internal error: " + why);
      break;
    }
    if (o.ready && o.ready->status != harness::ReadyStatus::ok) {
      fail_all(report, next, ready_verdict(*o.ready), ready_message(*o.ready),
               o.ready->failure.line, o.ready->failure.column);
      break;
    }
    if (!o.ready) {  // the candidate's top-level code never finished
      TestReport probe;
      probe.test = &c.tests[next];
      decide.from_ending(probe, o);
      fail_all(report, next, probe.verdict, probe.message + " while loading your file");
      break;
    }
    for (const harness::Result& r : o.results) {
      decide.from_result(report.tests[r.index], r);
    }
    next += o.results.size();
    if (next >= c.tests.size()) {
      break;
    }
    decide.from_ending(report.tests[next], o);
    if (report.tests[next].verdict == Verdict::TLE && ++timeouts >= options.max_timeouts) {
      for (size_t i = next + 1; i < c.tests.size(); ++i) {
        report.tests[i].skipped = true;
        report.tests[i].verdict = Verdict::TLE;
        report.tests[i].message =
            fmt::format("not run: {} tests already exceeded the time limit", timeouts);
      }
      break;
    }
    ++next;
  }

  // Score and overall verdict: the first failing test in spec order decides.
  double total = 0;
  double earned = 0;
  report.verdict = Verdict::AC;
  bool internal = false;
  for (const auto& t : report.tests) {
    total += t.test->points;
    if (!t.skipped && t.verdict == Verdict::AC) {
      earned += t.test->points;
    }
    internal = internal || t.verdict == Verdict::IE;
    if (report.verdict == Verdict::AC && t.verdict != Verdict::AC) {
      report.verdict = t.verdict;
    }
  }
  if (internal) {
    report.verdict = Verdict::IE;
  }
  if (total > 0) {
    report.score = 100.0 * earned / total;
  } else {
    report.score = report.verdict == Verdict::AC ? 100.0 : 0.0;
  }
  return report;
}

}  // namespace pyjudge::judge
