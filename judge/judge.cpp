#include "judge/judge.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "harness/job.hpp"
#include "harness/wire.hpp"
#include "judge/compare.hpp"
#include "judge/pool.hpp"
#include "judge/runner.hpp"
#include "judge/trusted.hpp"
#include "sandbox/sandbox.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t k_max_source_bytes = 1 << 20;
constexpr size_t k_max_result_values = wire::k_max_values;  // bounds the judge's memory
constexpr size_t k_shown_value_chars = 20000;               // what reports show of a sample's value

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = strsignal(sig);
  return fmt::format("SIG{} ({})", abbrev != nullptr ? abbrev : std::to_string(sig).c_str(),
                     text != nullptr ? text : "unknown signal");
}

// CPython's builtin exception classes: the only type names shown for hidden tests, since
// a frame's fields are within the candidate's reach.
bool is_builtin_exception(std::string_view name) {
  static const std::set<std::string, std::less<>> names = {"BaseException",
                                                           "Exception",
                                                           "ArithmeticError",
                                                           "AssertionError",
                                                           "AttributeError",
                                                           "BlockingIOError",
                                                           "BrokenPipeError",
                                                           "BufferError",
                                                           "ChildProcessError",
                                                           "ConnectionAbortedError",
                                                           "ConnectionError",
                                                           "ConnectionRefusedError",
                                                           "ConnectionResetError",
                                                           "EOFError",
                                                           "FileExistsError",
                                                           "FileNotFoundError",
                                                           "FloatingPointError",
                                                           "GeneratorExit",
                                                           "ImportError",
                                                           "IndentationError",
                                                           "IndexError",
                                                           "InterruptedError",
                                                           "IsADirectoryError",
                                                           "KeyError",
                                                           "KeyboardInterrupt",
                                                           "LookupError",
                                                           "MemoryError",
                                                           "ModuleNotFoundError",
                                                           "NameError",
                                                           "NotADirectoryError",
                                                           "NotImplementedError",
                                                           "OSError",
                                                           "OverflowError",
                                                           "PermissionError",
                                                           "ProcessLookupError",
                                                           "RecursionError",
                                                           "ReferenceError",
                                                           "RuntimeError",
                                                           "StopAsyncIteration",
                                                           "StopIteration",
                                                           "SyntaxError",
                                                           "SystemError",
                                                           "SystemExit",
                                                           "TabError",
                                                           "TimeoutError",
                                                           "TypeError",
                                                           "UnboundLocalError",
                                                           "UnicodeDecodeError",
                                                           "UnicodeEncodeError",
                                                           "UnicodeError",
                                                           "UnicodeTranslateError",
                                                           "ValueError",
                                                           "ZeroDivisionError",
                                                           "BaseExceptionGroup",
                                                           "ExceptionGroup",
                                                           "OutputLimitExceeded"};
  return names.contains(name);
}

// What a refused syscall means to a person.
std::string operation(const std::string& syscall) {
  static const std::map<std::string, std::string, std::less<>> ops = {
      {"clone", "starting a process"},
      {"fork", "starting a process"},
      {"vfork", "starting a process"},
      {"execve", "running a program"},
      {"execveat", "running a program"},
      {"socket", "opening a network socket"},
      {"connect", "connecting a socket"},
      {"bind", "binding a socket"},
      {"ptrace", "tracing a process"},
      {"process_vm_readv", "reading another process"},
      {"process_vm_writev", "writing another process"},
      {"kill", "signalling another process"},
      {"tgkill", "signalling another process"},
      {"tkill", "signalling another process"},
      {"pidfd_send_signal", "signalling another process"},
      {"mount", "mounting a filesystem"},
      {"umount2", "unmounting a filesystem"},
      {"pivot_root", "changing the root"},
      {"chroot", "changing the root"},
      {"unshare", "creating namespaces"},
      {"setns", "entering namespaces"},
      {"setuid", "changing user"},
      {"setgid", "changing group"},
      {"setresuid", "changing user"},
      {"setreuid", "changing user"},
      {"io_uring_setup", "io_uring"},
      {"bpf", "loading BPF programs"},
      {"perf_event_open", "performance counters"},
      {"keyctl", "kernel keyrings"},
      {"personality", "changing the execution domain"},
      {"ioctl", "a device control call (ioctl)"},
      {"rt_sigaction", "replacing the sandbox's SIGSYS handler"},
      {"prlimit64", "raising resource limits"},
      {"memfd_create", "anonymous executable files"},
  };
  auto it = ops.find(syscall);
  return it == ops.end() ? syscall : fmt::format("{} ({})", it->second, syscall);
}

// Refused syscalls from a frame: only real syscall names (frames are forgeable).
std::vector<std::string> validated(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (out.size() < 8 && sandbox::is_syscall_name(n)) {
      out.push_back(n);
    }
  }
  return out;
}

std::string refused_text(const std::vector<std::string>& blocked) {
  std::string text;
  for (const auto& b : blocked) {
    text += (text.empty() ? "" : ", ") + operation(b);
  }
  return "the sandbox refused " + text;
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
  Decider(const Challenge& c, const Submission& s, std::vector<std::optional<Value>>* record,
          bool reveal_hidden = false)
      : c_(c),
        source_(s.source),
        source_lines_(static_cast<int>(std::count(s.source.begin(), s.source.end(), '\n')) + 1),
        record_(record),
        reveal_(reveal_hidden) {}

  // Values waiting for the challenge's checker, by test index.
  // Kept encoded (wire bytes, several times smaller than decoded values) until then.
  std::map<size_t, std::string>& pending() { return pending_; }

  // Why a value cannot be an answer to `tc` by the signature (loosely, as compare() reads it).
  [[nodiscard]] std::optional<std::string> misfit(const TestCase& tc, const Value& got) const {
    if (c_.kind == ChallengeKind::object && (!got.is_sequence() || got.size() != tc.calls.size())) {
      return "not one value per op";
    }
    return wrong_type(tc, got);
  }

  // A test whose result frame arrived. Every field of the frame is the candidate's to
  // choose (it can write to the pipe), so only what the judge checks or measures counts.
  void from_result(TestReport& t, const harness::Result& r, uint64_t judge_cpu_ns) const {
    decide_result(t, r, judge_cpu_ns);
    t.blocked = validated(r.blocked);
    // A blocked operation that came with a failure caused it: SV names the operation.
    if (!t.blocked.empty() && t.verdict != Verdict::AC && t.verdict != Verdict::TLE) {
      std::string why = t.message;
      set(t, Verdict::SV, refused_text(t.blocked), t.test->sample ? why : "");
    }
  }

  void decide_result(TestReport& t, const harness::Result& r, uint64_t judge_cpu_ns) const {
    // TLE is decided by the judge's reading, unless the harness's figure for the calls is
    // within a tick of it. The time shown is that figure too, until the whole run tells
    // whether the calls' own figure may be shown instead (settle_shown_times): a call of
    // microseconds on an input that took 30 ms to decode shows microseconds.
    uint64_t judged = effective_cpu_ns(r.cpu_ns, judge_cpu_ns);
    bool over = over_limit(r, judge_cpu_ns);
    t.time_ms = static_cast<double>(judged) / 1e6;
    t.peak_memory_kb = r.peak_rss_kb;
    if (t.test->sample || reveal_) {
      t.out = r.out;
      t.err = r.err;
    }
    bool object = c_.kind == ChallengeKind::object;
    if (object && r.status != harness::ResultStatus::ok) {
      if (r.failed_call >= t.test->calls.size()) {
        return tampered(t, "a failed op index out of range");
      }
      t.failed_call = static_cast<int>(r.failed_call);
    }
    std::optional<Value> value;
    if (!r.value.empty()) {
      try {
        value = from_wire(r.value, k_max_result_values);
      } catch (const wire::DecodeError& e) {
        return tampered(t, e.what());
      }
      if (t.test->sample || reveal_) {
        t.got = c_.kind == ChallengeKind::program && value->kind() == Value::Kind::bytes
                    ? utf8_cut(value->as_text(), k_shown_value_chars)
                    : repr(*value, k_shown_value_chars);
      }
    }
    if (over) {
      return set(t, Verdict::TLE,
                 fmt::format("used {:.0f} ms of CPU time; the limit is {} ms", t.time_ms,
                             c_.limits.time_ms),
                 "");
    }
    using harness::ResultStatus;
    switch (r.status) {
      case ResultStatus::exception:
        return exception(t, r.failure);
      case ResultStatus::bad_value:
        return set(t, Verdict::WA,
                   t.test->sample ? "returned " + op_prefix(t) + r.failure.message
                                  : bad_value_text(r.failure.type),
                   "");
      case ResultStatus::output_limit: {
        bool printed = r.out.total + r.err.total > (uint64_t{c_.limits.output_mb} << 20);
        if (printed) {
          return set(
              t, Verdict::OLE,
              fmt::format("printed more than the output limit of {} MB", c_.limits.output_mb), "");
        }
        return set(t, Verdict::OLE,
                   fmt::format("returned a value over the output limit ({} MB, {} elements)",
                               c_.limits.output_mb, wire::k_max_values),
                   t.test->sample ? r.failure.message : "");
      }
      case ResultStatus::ok:
        break;
    }
    if (!value) {
      return tampered(t, "an empty value");
    }
    compare(t, *value);
  }

  // The test that was running when the child ended without a result.
  void from_ending(TestReport& t, const RunOutcome& o) const {
    t.time_ms = static_cast<double>(o.running_cpu_ns) / 1e6;
    t.peak_memory_kb = o.peak_rss_kb;
    // Measured by the kernel (cgroup OOM kills, rusage), not read from text the candidate
    // could write.
    uint64_t limit_kb = uint64_t{c_.limits.memory_mb} * 1024;
    bool near_memory_limit = o.oom_kills > 0 || o.peak_rss_kb * 10 >= limit_kb * 9;
    if (o.over_memory) {
      return set(t, Verdict::MLE,
                 fmt::format("used more than {} MB of memory (its peak, read from outside)",
                             c_.limits.memory_mb),
                 "");
    }
    switch (o.ending) {
      case Ending::cpu_limit:
        return set(t, Verdict::TLE,
                   fmt::format("used more than {} ms of CPU time", c_.limits.time_ms), "");
      case Ending::wall_limit:
      case Ending::deadline:
        return set(t, Verdict::TLE,
                   fmt::format("took more than {} ms of wall-clock time (sleeping or waiting?)",
                               c_.limits.wall_ms()),
                   "");
      case Ending::corrupt:
        return tampered(t, o.message);
      case Ending::harness_fault:
      case Ending::spawn_failed:
        return set(t, Verdict::IE, "internal error: " + o.message, "");
      case Ending::completed:
      case Ending::died:
        break;
    }
    if (o.signal == SIGSYS) {
      return set(t, Verdict::SV,
                 "killed by the sandbox (SIGSYS): a refused system call, or a foreign "
                 "architecture's system call",
                 "");
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
      return set(t, Verdict::RE, "crashed with " + signal_name(o.signal),
                 t.test->sample ? tail(o.diagnostics) : "");
    }
    if (o.exit_code == harness::k_exit_protocol) {
      // The harness's own exit when its pipe to the judge failed under it (made non-blocking,
      // closed, replaced): a solution could exit 70 itself, and would read this, also RE.
      return set(t, Verdict::RE,
                 "the result channel failed while the harness wrote to it (solutions must leave "
                 "the judge's pipes alone)",
                 t.test->sample ? tail(o.diagnostics) : "");
    }
    // The status is the candidate's choice (os._exit(n)): shown for samples only.
    std::string status = t.test->sample ? fmt::format(" with status {}", o.exit_code) : "";
    return set(t, Verdict::RE,
               fmt::format("exited{} before returning a result (no result): a solution must "
                           "return, not call sys.exit/os._exit or close the judge's descriptors",
                           status),
               t.test->sample ? tail(o.diagnostics) : "");
  }

  // What a refused value means, for hidden tests (by the harness's reason code; an unknown
  // code is the generic text).
  static std::string bad_value_text(const std::string& code) {
    namespace bv = harness::bad_value;
    if (code == bv::k_shared_node) {
      return "returned nodes of the input: return new nodes (a deep copy)";
    }
    if (code == bv::k_not_iterator) {
      return "returned something that is not an iterator: yield the items (a generator)";
    }
    if (code == bv::k_bad_structure) {
      return "returned a malformed linked list, tree or graph (a cycle, or a link that is not "
             "a node)";
    }
    return "returned a value that is not plain data (see docs/spec.md)";
  }

  static void tampered(TestReport& t, const std::string& what) {
    t.got.reset();
    set(t, Verdict::RE,
        "the result channel was tampered with (solutions must not write to the judge's pipes)",
        t.test->sample ? what : "");
  }

  // The harness's C++ clocks are exact but sit in the candidate's process; the judge's
  // reading of the child's CPU clock cannot be faked but moves in 4 ms ticks. Use the
  // harness's figure unless the judge saw clearly more.
  static constexpr uint64_t k_tick_tolerance_ns = 10'000'000;
  static uint64_t effective_cpu_ns(uint64_t harness_ns, uint64_t judge_ns) {
    return judge_ns > harness_ns + k_tick_tolerance_ns ? judge_ns : harness_ns;
  }
  // Whether a result is over the challenge's time limit (TLE, whatever else it says).
  [[nodiscard]] bool over_limit(const harness::Result& r, uint64_t judge_cpu_ns) const {
    return static_cast<double>(effective_cpu_ns(r.cpu_ns, judge_cpu_ns)) / 1e6 > c_.limits.time_ms;
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

  void exception(TestReport& t, const harness::Failure& f_in) const {
    harness::Failure f = f_in;
    if (f.line < 0 || f.line > source_lines_) {
      f.line = 0;  // not a line of the candidate's file
    }
    if (!is_builtin_exception(f.builtin_type)) {
      f.builtin_type = "Exception";
    }
    if (!f.function.empty() && !defines(f.function)) {
      f.function.clear();  // only names the candidate's file defines
    }
    t.line = f.line;
    std::string in_op;
    if (t.failed_call >= 0) {
      in_op = t.test->sample
                  ? fmt::format(" in op {} `{}`", t.failed_call,
                                call_text(t.test->calls.at(static_cast<size_t>(t.failed_call))))
                  : fmt::format(" in op {}", t.failed_call);
    }
    if (f.builtin_type == "MemoryError") {
      return set(t, Verdict::MLE,
                 fmt::format("ran out of memory (MemoryError{}; limit {} MB)", where(f),
                             c_.limits.memory_mb),
                 "");
    }
    if (f.builtin_type == "SystemExit") {
      return set(t, Verdict::RE,
                 "called sys.exit()" + where(f) + in_op +
                     " (no result; a solution must return its answer)",
                 "");
    }
    std::string full = f.message.empty() ? f.type : f.type + ": " + f.message;
    // input() in a solution written for stdin: say where the input is instead.
    std::string hint;
    if (f.builtin_type == "EOFError" && c_.kind != ChallengeKind::program) {
      hint = " (stdin is empty: the input comes as the arguments of the call)";
    }
    // Raised in a script test's own code (not in the candidate's file): its line in the
    // spec, which shows that code for samples.
    if (f.line == 0 && f.code_line > 0 && c_.kind == ChallengeKind::script) {
      full += fmt::format(" (in the test's code, {} line {})", c_.spec_file.filename().string(),
                          f.code_line);
    }
    if (!t.test->sample) {
      // Hidden: the candidate's own class name or message could carry the test's data (kept
      // in the detail for whoever may see hidden tests: an interviewer, a challenge's author).
      return set(t, Verdict::RE, f.builtin_type + where(f) + in_op + hint,
                 reveal_ ? full + where(f) + in_op + hint : "");
    }
    set(t, Verdict::RE, full + where(f) + in_op + hint, full + hint);
  }

  void compare(TestReport& t, const Value& got) const {
    const TestCase& tc = *t.test;
    auto index = static_cast<size_t>(t.test - c_.tests.data());
    bool per_op = c_.kind == ChallengeKind::object;
    if (per_op && (got.kind() != Value::Kind::list || got.size() != tc.calls.size())) {
      return tampered(t, "op results that do not match the ops");
    }
    if (c_.kind == ChallengeKind::program && got.kind() != Value::Kind::bytes) {
      return tampered(t, "program output that is not bytes");
    }
    if (record_ != nullptr) {  // taking the reference's answers: nothing to compare with
      // An answer of the wrong type would fail every correct candidate: the reference's
      // fault, told as such by whoever takes the answers.
      if (auto m = wrong_type(tc, got)) {
        std::string why = "returned a value that does not fit the signature: " + *m;
        return set(t, Verdict::WA, why, why);
      }
      record_->at(index) = got;
      return set(t, Verdict::AC, "", "");
    }
    if (!c_.checker.empty()) {  // decided when the checker has run
      // The checker gets only values of the declared type: a wrong type is the candidate's
      // wrong answer, never a checker crash.
      if (auto m = wrong_type(tc, got)) {
        std::string why = c_.kind == ChallengeKind::program
                              ? *m + " (the checker reads it as text)"
                              : "returned the wrong type for the checker: " + *m;
        return set(t, Verdict::WA, tc.sample ? why : "wrong answer (a value of the wrong type)",
                   why);
      }
      pending_.insert_or_assign(index, to_wire(got));
      return set(t, Verdict::AC, "", "");
    }
    Comparison cmp;
    switch (c_.kind) {
      case ChallengeKind::object:
        return compare_ops(t, got);
      case ChallengeKind::program:
        cmp = compare_output(tc.calls[0].expected.as_text(), got.as_text(), c_.compare);
        break;
      case ChallengeKind::generator:
        cmp = compare_items(tc.calls[0], got);
        break;
      default:
        cmp = compare_any(tc.calls[0], got);
        break;
    }
    if (cmp.equal) {
      return set(t, Verdict::AC, "", "");
    }
    std::string why = cmp.why;
    if (c_.observe >= 0) {
      const auto observed = static_cast<size_t>(c_.observe);
      const std::string& name = c_.function.params.at(observed).name;
      why = fmt::format("`{}` after the call: {}", name, cmp.why);
      // The commonest mistake: building the answer in a new object and returning it.
      if (compare_values(tc.calls[0].args.at(observed), got, CompareSpec{}).equal) {
        why += fmt::format(
            " — `{}` was left unchanged: change it in place (what the function "
            "returns is ignored)",
            name);
      }
    }
    set(t, Verdict::WA, tc.sample ? why : "wrong answer", why);
  }

  // Whether what came back fits the declared result type (loosely, as compare() does).
  [[nodiscard]] std::optional<std::string> wrong_type(const TestCase& tc, const Value& got) const {
    switch (c_.kind) {
      case ChallengeKind::program:  // the checker gets the output as text
        return is_utf8(got.as_text()) ? std::nullopt
                                      : std::optional<std::string>("the output is not UTF-8 text");
      case ChallengeKind::object:
        for (size_t i = 1; i < tc.calls.size(); ++i) {
          const FunctionSignature* sig = c_.object.find(tc.calls[i].method);
          if (sig != nullptr) {
            if (auto m = loose_mismatch(got.items()[i], sig->result)) {
              return fmt::format("op {} `{}`: {}", i, tc.calls[i].method, *m);
            }
          }
        }
        return std::nullopt;
      case ChallengeKind::generator:
        return loose_mismatch(got, Type{Type::Kind::list, {c_.returns}});
      case ChallengeKind::script:
        return loose_mismatch(got, c_.returns);
      case ChallengeKind::function:
        break;
    }
    return loose_mismatch(got, c_.observe >= 0
                                   ? c_.function.params.at(static_cast<size_t>(c_.observe)).type
                                   : c_.function.result);
  }

  // `expected`, or the first of `any_of` that matches.
  Comparison compare_any(const Call& call, const Value& got) const {
    if (call.any_of.empty()) {
      return compare_values(call.expected, got, c_.compare);
    }
    for (const Value& alt : call.any_of) {
      if (compare_values(alt, got, c_.compare).equal) {
        return {true, ""};
      }
    }
    std::string options;
    for (const Value& alt : call.any_of) {
      options += (options.empty() ? "" : " or ") + repr(alt, 60);
    }
    return {false, fmt::format("expected one of {}, got {}", options, repr(got, 60))};
  }

  // A generator's items: the count says whether it stopped where it should.
  Comparison compare_items(const Call& call, const Value& got) const {
    const Value& exp = call.expected;
    size_t n = std::min(exp.size(), got.size());
    for (size_t i = 0; i < n; ++i) {
      Comparison cmp = compare_values(exp.items()[i], got.items()[i], c_.compare);
      if (!cmp.equal) {
        return {false, fmt::format("item {}: {}", i, cmp.why)};
      }
    }
    if (got.size() < exp.size()) {
      return {false, fmt::format("the generator stopped after {} item{}; expected {}", got.size(),
                                 got.size() == 1 ? "" : "s", exp.size())};
    }
    if (got.size() > exp.size()) {
      return {false, fmt::format("the generator should stop after {} item{}, but yielded "
                                 "another: {}",
                                 exp.size(), exp.size() == 1 ? "" : "s",
                                 repr(got.items()[exp.size()], 60))};
    }
    return {true, ""};
  }

  void compare_ops(TestReport& t, const Value& got) const {
    const TestCase& tc = *t.test;
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

  [[nodiscard]] bool defines(const std::string& function) const {
    if (function == "<module>" || function == "<lambda>" || function == "<listcomp>" ||
        function == "<genexpr>" || function == "<dictcomp>" || function == "<setcomp>") {
      return true;
    }
    return source_.find("def " + function + "(") != std::string::npos;
  }

  const Challenge& c_;
  const std::string& source_;
  int source_lines_;
  std::vector<std::optional<Value>>* record_;
  bool reveal_ = false;  // an interviewer's batch: hidden tests keep what came back
  mutable std::map<size_t, std::string> pending_;
};

}  // namespace

harness::CallStyle call_style(ChallengeKind kind) {
  switch (kind) {
    case ChallengeKind::object:
      return harness::CallStyle::object;
    case ChallengeKind::generator:
      return harness::CallStyle::generator;
    case ChallengeKind::script:
      return harness::CallStyle::script;
    case ChallengeKind::program:
      return harness::CallStyle::program;
    case ChallengeKind::function:
      break;
  }
  return harness::CallStyle::function;
}

harness::Job make_job(const Challenge& c, const Submission& s) {
  harness::Job job;
  job.style = call_style(c.kind);
  job.observe = c.observe;
  job.fresh_nodes = c.fresh_nodes;
  job.helpers = c.helpers;
  job.helpers_line = static_cast<uint32_t>(c.helpers_line);
  job.code_file = c.spec_file.filename().string();
  job.entry = c.entry;
  // The name is shown in tracebacks: CPython takes only UTF-8 (a file named in Latin-1 broke
  // the harness after the candidate's code ran, which read as the candidate's doing).
  job.filename = utf8_repaired(s.filename);
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
    harness::Call hc;
    hc.method = call.method;
    hc.args = to_wire(Value::tuple(call.args));
    hc.take = call.take;
    hc.text = call.text;
    hc.line = static_cast<uint32_t>(call.line);
    req.calls.push_back(std::move(hc));
  }
  return req;
}

std::vector<EncodedTest> make_requests(const Challenge& c) {
  std::vector<harness::TestRequest> out;
  out.reserve(c.tests.size());
  for (size_t i = 0; i < c.tests.size(); ++i) {
    out.push_back(make_request(c.tests[i], static_cast<uint32_t>(i)));
  }
  return encode_tests(out);
}

namespace {

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
    case harness::ReadyStatus::output_limit:
      return "printed more than the output limit while loading your file" + where(f);
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
    case harness::ReadyStatus::output_limit:
      return Verdict::OLE;
    case harness::ReadyStatus::ok:
      break;
  }
  return Verdict::AC;
}

// What check(input, expected, got) gets as `input`: the arguments (function, generator),
// [ops, args] (class), the stdin text (program), None (script).
Value checker_input(const Challenge& c, const TestCase& t) {
  switch (c.kind) {
    case ChallengeKind::object: {
      std::vector<Value> ops;
      std::vector<Value> args;
      for (const Call& call : t.calls) {
        ops.push_back(Value::str(call.method));
        args.push_back(Value::list(call.args));
      }
      return Value::list({Value::list(std::move(ops)), Value::list(std::move(args))});
    }
    case ChallengeKind::program:
      return Value::str(t.calls.at(0).text);
    case ChallengeKind::script:
      return Value::none();
    case ChallengeKind::function:
    case ChallengeKind::generator:
      break;
  }
  return Value::list(t.calls.at(0).args);
}

Value checker_expected(const Challenge& c, const TestCase& t) {
  if (c.kind == ChallengeKind::object) {
    std::vector<Value> all;
    for (const Call& call : t.calls) {
      all.push_back(call.expected);
    }
    return t.calls.at(0).has_expected ? Value::list(std::move(all)) : Value::none();
  }
  const Call& call = t.calls.at(0);
  if (!call.any_of.empty()) {
    return Value::list(call.any_of);
  }
  return call.has_expected ? call.expected : Value::none();
}

void check_some(const Challenge& c, Report& report, std::vector<TrustedCall>& calls,
                std::vector<size_t>& order, const JudgeOptions& options);

// Decides the tests whose values wait for the challenge's checker, in a harness that runs
// only the checker: one, unless the values are large, then one per 32 MiB of them (every
// value decoded at once would cost the judge ~170 MB per 1.7-million-item answer). Its
// failures are the challenge's, never the candidate's: IE.
void run_checker(const Challenge& c, Report& report, std::map<size_t, std::string>& pending,
                 const JudgeOptions& options) {
  constexpr size_t k_chunk_bytes = size_t{32} << 20;
  std::vector<TrustedCall> calls;
  std::vector<size_t> order;
  size_t bytes = 0;
  for (auto it = pending.begin(); it != pending.end(); it = pending.erase(it)) {
    const TestCase& t = c.tests.at(it->first);
    bytes += it->second.size();
    Value got = from_wire(it->second, k_max_result_values);
    Value shown = c.kind == ChallengeKind::program ? Value::str(got.as_text()) : std::move(got);
    std::string().swap(it->second);
    calls.push_back(
        {{checker_input(c, t), checker_expected(c, t), std::move(shown)}, Value::dict({})});
    order.push_back(it->first);
    if (bytes >= k_chunk_bytes) {
      check_some(c, report, calls, order, options);
      bytes = 0;
    }
  }
  if (!calls.empty()) {
    check_some(c, report, calls, order, options);
  }
}

// One checker run over `calls` (cleared after), deciding the tests `order` names.
void check_some(const Challenge& c, Report& report, std::vector<TrustedCall>& calls,
                std::vector<size_t>& order, const JudgeOptions& options) {
  TrustedRun run;
  run.harness_exe = options.harness_exe;
  run.file = c.checker;
  run.entry = "check";
  run.unsafe = options.unsafe;
  std::vector<TrustedResult> results = run_trusted(run, calls);
  for (size_t i = 0; i < order.size(); ++i) {
    TestReport& t = report.tests.at(order[i]);
    const TrustedResult& r = results[i];
    // The checker's own words may quote a hidden test's data: samples only.
    auto checker_fault = [&](const std::string& why) {
      std::string full = "internal error: the challenge's checker failed: " + why;
      Decider::set(
          t, Verdict::IE,
          t.test->sample ? full : "internal error: the challenge's checker failed on this test",
          full);
    };
    if (!r.value) {
      checker_fault(r.error);
      continue;
    }
    const Value& v = *r.value;
    std::optional<bool> ok;
    std::string message;
    if (v.kind() == Value::Kind::boolean) {
      ok = v.as_bool();
    } else if (v.is_sequence() && v.size() == 2 && v.items()[0].kind() == Value::Kind::boolean &&
               v.items()[1].kind() == Value::Kind::str) {
      ok = v.items()[0].as_bool();
      message = v.items()[1].as_text();
      if (message.size() > 2000) {  // a reason, not a dump: a report line holds it
        message = utf8_cut(message, 2000) + "…";
      }
    }
    if (!ok) {
      checker_fault(
          fmt::format("check() must return a bool or (bool, message), not {}", repr(v, 60)));
    } else if (*ok) {
      Decider::set(t, Verdict::AC, "", "");
    } else {
      std::string why = message.empty() ? "the checker rejected the answer" : message;
      Decider::set(t, Verdict::WA, t.test->sample ? why : "wrong answer", why);
    }
  }
  calls.clear();
  order.clear();
}

}  // namespace

std::pair<int64_t, int64_t> Report::points(const Challenge& c) const {
  int64_t earned = 0;
  int64_t total = 0;
  std::vector<bool> group_passed(c.groups.size(), true);
  for (const auto& t : tests) {
    bool ok = !t.skipped && t.verdict == Verdict::AC;
    if (t.test->group >= 0) {
      auto g = static_cast<size_t>(t.test->group);
      group_passed.at(g) = group_passed.at(g) && ok;
      continue;
    }
    total += t.test->points;
    earned += ok ? t.test->points : 0;
  }
  for (size_t g = 0; g < c.groups.size(); ++g) {
    total += c.groups[g].points;
    earned += group_passed[g] ? c.groups[g].points : 0;
  }
  return {earned, total};
}

size_t Report::passed() const {
  size_t n = 0;
  for (const auto& t : tests) {
    n += (!t.skipped && t.verdict == Verdict::AC) ? 1 : 0;
  }
  return n;
}

std::optional<std::string> answer_misfit(const Challenge& c, const TestCase& test,
                                         const Value& value) {
  return Decider(c, Submission{}, nullptr).misfit(test, value);
}

std::optional<std::string> wrong_timed_answer(const Challenge& c, const Submission& s,
                                              const TestCase& test,
                                              const std::string& reference_value,
                                              const std::vector<std::string>& candidate_values,
                                              const JudgeOptions& options) {
  // Each different answer once (rounds repeat theirs); one the same bytes as the
  // reference's is right.
  std::vector<const std::string*> others;
  for (const std::string& v : candidate_values) {
    if (v != reference_value &&
        std::none_of(others.begin(), others.end(), [&](const std::string* o) { return *o == v; })) {
      others.push_back(&v);
    }
  }
  if (others.empty()) {
    return std::nullopt;
  }
  Value expected;
  try {
    expected = from_wire(reference_value, k_max_result_values);
  } catch (const wire::DecodeError& e) {
    return std::string("the reference's answer could not be read: ") + e.what();
  }
  // The test as if the reference's answer had been written in the spec, decided as any
  // other (its compare mode, any order, tolerance, the checker).
  Challenge one = c;
  one.tests = {test};
  TestCase& t = one.tests[0];
  t.sample = true;  // the full reason, for the person the timing was for
  if (c.kind == ChallengeKind::object) {
    if (!expected.is_sequence() || expected.size() != t.calls.size()) {
      return "the reference's answer does not have one value per op";
    }
    for (size_t k = 0; k < t.calls.size(); ++k) {
      t.calls[k].expected = expected.items()[k];
    }
  } else {
    t.calls.at(0).expected = std::move(expected);
  }
  for (Call& call : t.calls) {
    call.has_expected = true;
    call.any_of.clear();
  }
  Decider decide(one, s, nullptr);
  for (const std::string* value : others) {
    Report report;
    report.tests.push_back(TestReport{});
    report.tests[0].test = &t;
    harness::Result r;
    r.value = *value;
    decide.decide_result(report.tests[0], r, 0);
    if (!decide.pending().empty()) {
      run_checker(one, report, decide.pending(), options);
    }
    const TestReport& got = report.tests[0];
    if (got.verdict != Verdict::AC) {
      return got.detail.empty() ? got.message : got.detail;
    }
  }
  return std::nullopt;
}

Expected<Submission> read_submission(const fs::path& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Error{fmt::format("{}: {} (give the path to a .py file you can read)", path.string(),
                             ec.message())};
  }
  if (!fs::exists(st)) {
    return Error{fmt::format("{}: no such file (give the path to your .py file)", path.string())};
  }
  if (fs::is_directory(st)) {
    return Error{
        fmt::format("{}: is a folder, not a file (give the path to your .py file)", path.string())};
  }
  if (!fs::is_regular_file(st)) {  // a pipe or a device would never end, or block
    return Error{
        fmt::format("{}: is not a regular file (a pipe, socket or device); give the path "
                    "to your .py file",
                    path.string())};
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
  if (c.kind == ChallengeKind::program || c.kind == ChallengeKind::script) {
    out = t.calls.at(0).text;  // stdin, or the test's code
  } else if (c.kind == ChallengeKind::function || c.kind == ChallengeKind::generator) {
    const Call& call = t.calls.at(0);
    for (size_t i = 0; i < call.args.size(); ++i) {
      out += fmt::format("{}{} = {}", i ? ", " : "", c.function.params.at(i).name,
                         repr(call.args[i], max_chars));
    }
    if (c.kind == ChallengeKind::generator) {
      out += fmt::format("{}(up to {} items pulled)", out.empty() ? "" : " ", call.take);
    }
  } else {
    for (size_t i = 0; i < t.calls.size(); ++i) {
      out += (i ? ", " : "") + call_text(t.calls[i], max_chars);
    }
  }
  if (out.size() > max_chars) {
    out = utf8_cut(out, max_chars) + "…";
  }
  return out;
}

std::string describe_expected(const Challenge& c, const TestCase& t, size_t max_chars) {
  const Call& first = t.calls.at(0);
  if (!first.has_expected) {
    return "(decided by the challenge's checker)";
  }
  switch (c.kind) {
    case ChallengeKind::program:
      return utf8_cut(first.expected.as_text(), max_chars);
    case ChallengeKind::object: {
      std::vector<Value> all;
      for (const Call& call : t.calls) {
        all.push_back(call.expected);
      }
      return repr(Value::list(std::move(all)), max_chars);
    }
    case ChallengeKind::generator:
      return repr(first.expected, max_chars) +
             (first.expected.size() < first.take ? ", then it stops" : "");
    case ChallengeKind::function:
    case ChallengeKind::script:
      break;
  }
  if (!first.any_of.empty()) {
    std::string out = "one of ";
    for (size_t i = 0; i < first.any_of.size(); ++i) {
      out += (i ? " or " : "") + repr(first.any_of[i], max_chars);
    }
    return utf8_cut(out, max_chars * 2);
  }
  std::string out = repr(first.expected, max_chars);
  if (c.observe >= 0) {
    out = fmt::format("{} = {} after the call",
                      c.function.params.at(static_cast<size_t>(c.observe)).name, out);
  }
  return out;
}

namespace {

// A report with one entry per test of c, nothing decided yet.
Report blank_report(const Challenge& c) {
  Report report;
  report.challenge = c.id;
  report.tests.resize(c.tests.size());
  for (size_t i = 0; i < c.tests.size(); ++i) {
    report.tests[i].test = &c.tests[i];
  }
  return report;
}

}  // namespace

std::vector<bool> calls_time_explained(std::span<const TestTiming> run) {
  // The frame's figures are any 64-bit numbers a forger writes. Each is capped at 2^40 ns
  // (18 minutes, past any test's wall limit) and the running sum at ±2^62: no overflow.
  constexpr int64_t k_cap = int64_t{1} << 40;
  constexpr int64_t k_sum_cap = int64_t{1} << 62;
  auto capped = [](uint64_t ns) { return static_cast<int64_t>(std::min<uint64_t>(ns, k_cap)); };
  std::vector<bool> out(run.size());
  int64_t later_shortfall = 0;  // the later tests' figures less their readings, net
  for (size_t k = run.size(); k-- > 0;) {
    const TestTiming& t = run[k];
    int64_t own = std::max(capped(t.calls_ns), capped(t.whole_ns));
    int64_t reading = capped(t.judge_ns);
    int64_t carried = std::max<int64_t>(later_shortfall, 0);
    out[k] = !t.reading_stands &&
             reading <= own + static_cast<int64_t>(Decider::k_tick_tolerance_ns) + carried;
    later_shortfall = std::clamp(later_shortfall + own - reading, -k_sum_cap, k_sum_cap);
  }
  return out;
}

namespace {

// Once a run is over: each of its tests (timings[i] is tests[i]'s) shows its calls' own
// figure where calls_time_explained() says so, else the judge's reading (already set).
void settle_shown_times(const std::vector<TestReport*>& tests,
                        const std::vector<TestTiming>& timings) {
  std::vector<bool> explained = calls_time_explained(timings);
  for (size_t i = 0; i < tests.size(); ++i) {
    if (explained[i]) {
      tests[i]->time_ms = static_cast<double>(timings[i].calls_ns) / 1e6;
    }
  }
}

}  // namespace

Report judge(const Challenge& c, const Submission& s, const JudgeOptions& options) {
  Report report = blank_report(c);
  if (options.record != nullptr) {
    options.record->assign(c.tests.size(), std::nullopt);
  }
  Decider decide(c, s, options.record, options.reveal_hidden);
  // Encoded once, not per run: a fresh child after a crash gets the same bytes.
  std::vector<EncodedTest> own;
  if (options.requests == nullptr) {
    own = make_requests(c);
  }
  const std::vector<EncodedTest>& requests = options.requests != nullptr ? *options.requests : own;
  int timeouts = 0;
  size_t next = 0;
  while (next < c.tests.size()) {
    RunRequest req;
    req.harness_exe = options.harness_exe;
    req.job = make_job(c, s);
    req.job.unsafe = options.unsafe;
    req.time_ms = c.limits.time_ms;
    req.wall_ms = c.limits.wall_ms();
    req.tests = std::span(requests).subspan(next);
    // Decide each result as it arrives; its value is dropped right after.
    size_t decided = next;
    std::vector<TestReport*> run_tests;  // this run's, in order, with their timings
    std::vector<TestTiming> timings;
    req.on_result = [&](const harness::Result& r, uint64_t judge_cpu_ns) {
      TestReport& t = report.tests[decided++];
      // Every test of the run has its place in the timings, whatever it shows.
      TestTiming timing{judge_cpu_ns, r.cpu_ns, r.loop_cpu_ns, true};
      try {
        timing.reading_stands = decide.over_limit(r, judge_cpu_ns);
        decide.from_result(t, r, judge_cpu_ns);
      } catch (const std::exception& e) {  // never lose the rest of the report (I5)
        timing.reading_stands = true;
        Decider::set(t, Verdict::IE, std::string("internal error: ") + e.what(), "");
      }
      run_tests.push_back(&t);
      timings.push_back(timing);
    };
    RunOutcome o = run_harness(req);
    settle_shown_times(run_tests, timings);
    report.peak_memory_kb = std::max(report.peak_memory_kb, o.peak_rss_kb);
    // A test whose peak /proc could not show (the box had already exited) gets the run's,
    // from the kernel's rusage: never a figure the box reported.
    for (size_t i = next; i < decided; ++i) {
      if (report.tests[i].peak_memory_kb == 0) {
        report.tests[i].peak_memory_kb = o.peak_rss_kb;
      }
    }
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
    if (report.sandbox.empty() && o.loading_seen) {
      report.sandbox = o.layers;
      report.sandbox.push_back(o.cgroup);
    }
    if (o.ready && o.ready->status != harness::ReadyStatus::ok) {
      std::vector<std::string> blocked = validated(o.ready->blocked);
      if (!blocked.empty() && o.ready->status == harness::ReadyStatus::import_error) {
        fail_all(
            report, next, Verdict::SV,
            refused_text(blocked) + " while loading your file (" + ready_message(*o.ready) + ")",
            o.ready->failure.line);
      } else {
        fail_all(report, next, ready_verdict(*o.ready), ready_message(*o.ready),
                 o.ready->failure.line, o.ready->failure.column);
      }
      break;
    }
    if (!o.ready) {  // the candidate's top-level code never finished
      TestReport probe;
      probe.test = &c.tests[next];
      decide.from_ending(probe, o);
      fail_all(report, next, probe.verdict, probe.message + " while loading your file");
      break;
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

  if (!decide.pending().empty()) {
    run_checker(c, report, decide.pending(), options);
  }

  // Score and overall verdict: the first failing test in spec order decides.
  auto [earned, total] = report.points(c);
  report.verdict = Verdict::AC;
  bool internal = false;
  for (const auto& t : report.tests) {
    internal = internal || t.verdict == Verdict::IE;
    if (report.verdict == Verdict::AC && t.verdict != Verdict::AC) {
      report.verdict = t.verdict;
    }
  }
  if (internal) {
    report.verdict = Verdict::IE;
  }
  if (total > 0) {
    report.score = 100.0 * static_cast<double>(earned) / static_cast<double>(total);
  } else if (!report.tests.empty()) {
    // No test is worth points (only samples, say): the share of tests accepted, so that
    // three samples of four passed score 75, not 0.
    auto passed = std::ranges::count_if(
        report.tests, [](const TestReport& t) { return t.verdict == Verdict::AC; });
    report.score = 100.0 * static_cast<double>(passed) / static_cast<double>(report.tests.size());
  }
  return report;
}

std::vector<Report> judge_jobs(const std::vector<JudgeJob>& jobs, const JudgeOptions& options,
                               const std::function<void(size_t, const Report&)>& on_done) {
  std::vector<Report> reports(jobs.size());
  unsigned workers = std::min<size_t>(WorkerPool::shared(options.harness_exe).size(), jobs.size());
  std::atomic<size_t> next{0};
  std::mutex done_mu;
  auto work = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      if (options.stop != nullptr && options.stop->load()) {
        return;
      }
      const JudgeJob& job = jobs[i];
      JudgeOptions mine = options;
      mine.requests = job.requests;
      Report r;
      try {
        r = judge(*job.challenge, *job.submission, mine);
      } catch (const std::exception& e) {  // out of descriptors, memory, …: never lose it (I5)
        r = blank_report(*job.challenge);
        fail_all(r, 0, Verdict::IE, std::string("internal error: ") + e.what());
        r.verdict = Verdict::IE;
      }
      std::lock_guard lock(done_mu);
      reports[i] = std::move(r);
      if (on_done) {
        on_done(i, reports[i]);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) {
    threads.emplace_back(work);
  }
  work();  // this thread is one of the workers
  for (auto& t : threads) {
    t.join();
  }
  return reports;
}

std::vector<Report> judge_all(const Challenge& c, const std::vector<Submission>& submissions,
                              const JudgeOptions& options,
                              const std::function<void(size_t, const Report&)>& on_done) {
  std::vector<EncodedTest> requests = make_requests(c);  // shared by every run
  std::vector<JudgeJob> jobs;
  for (const Submission& s : submissions) {
    jobs.push_back({&c, &s, &requests});
  }
  return judge_jobs(jobs, options, on_done);
}

}  // namespace pyjudge::judge
