// The conversation between pyjudge and one pyjudge-harness process.
//
//   pyjudge ──job──▶ harness        what to run: kind, entry, candidate source, limits
//   pyjudge ──test×N──▶ harness      inputs only, wire-encoded (never expected values: I1)
//   pyjudge ──start──▶ harness       no more tests; the harness enters the sandbox
//   harness ──box──▶ pyjudge         with a pid namespace: the pids of the box and its init
//   harness ──loading──▶ pyjudge     candidate code is about to run for the first time:
//                                    from here on a death or a broken frame is the
//                                    candidate's doing, before it the judge's (IE)
//   harness ──ready──▶ pyjudge       the candidate compiled and its entry point was found,
//                                    or why not (compile error, missing entry, import error)
//   harness ──result×N──▶ pyjudge    one per test, in order: value or failure, CPU time, …
//   harness ──fatal──▶ pyjudge       the harness itself failed (a judge fault, reported IE)
//
// All tests are sent before any candidate code runs, so the harness never blocks on input
// while the candidate is running and the judge never blocks writing to a busy child.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pyjudge::harness {

enum class FrameType : uint8_t {
  job = 1,
  test = 2,
  start = 3,
  box = 8,  // u32 box pid, u32 init pid (as the judge sees them), before the box runs
  loading = 9,
  ready = 10,
  result = 11,
  fatal = 12,
};

// How the harness calls into the candidate's module.
enum class CallStyle : uint8_t {
  function = 0,   // entry(*args) — or LeetCode's Solution().entryCamelCase(*args)
  object = 1,     // ops[0] constructs entry(*args), later ops call methods on the instance
  generator = 2,  // entry(*args) returns an iterator (a generator function, or LeetCode's
                  // Solution().entry); up to Call::take items are pulled
  script = 3,     // Call::text is trusted test code, run as a function body; its return value
                  // is the result (the candidate's module is importable as `solution`)
  program = 4,    // the candidate's whole file runs per test, Call::text on stdin; the result
                  // is what it printed to stdout
};

struct JobLimits {
  uint32_t time_ms = 2000;           // CPU time per test
  uint32_t memory_mb = 256;          // address-space data limit for the whole child
  uint64_t output_bytes = 16 << 20;  // cap on printed output per test and on one value
  uint32_t capture_bytes = 8192;     // printed output kept per test and stream
  // The judge's cgroup bounds the box's tasks (pids.max): RLIMIT_NPROC, which counts every
  // task of the box's uid on the host (all boxes run as nobody), is then left as it is, so
  // that other boxes' threads cannot make this one's fail.
  bool tasks_in_cgroup = false;
};

struct Job {
  CallStyle style = CallStyle::function;
  std::string scratch_dir;  // the box's private read-write folder and working directory
  bool unsafe = false;      // --unsafe-no-sandbox: no seccomp, Landlock or identity change
  std::string entry;        // function or class name
  std::string filename;     // shown in tracebacks and used to find the candidate's frames
  std::string source;       // the candidate's file, byte for byte
  JobLimits limits;
  uint32_t test_count = 0;
  int32_t observe = -1;       // function style: the argument whose value after the call is the
                              // result (in-place functions); -1: the return value
  bool fresh_nodes = false;   // function style: the result may not reuse an argument's node
  std::string helpers;        // script style: trusted code run before each test's code
  std::string code_file;      // script style: the file test code comes from (for tracebacks)
  uint32_t helpers_line = 0;  // its first line in code_file
  // Timing run (performance inputs): the first test is first run 10 times untimed (CPython
  // 3.11 specialises code after 8 calls) — with more tests, that is all it does (its result
  // has repetitions 0); each timed test repeats until its repetitions add up to 10 ms of
  // CPU, and reports the CPU time of one repetition.
  bool timing = false;
};

struct Call {
  std::string method;  // for CallStyle::object; the constructor call names the class
  std::string args;    // wire-encoded tuple of positional arguments
  std::string kwargs;  // wire-encoded dict of keyword arguments, or empty
  uint32_t take = 0;   // generator style: items to pull at most
  std::string text;    // script style: test code; program style: stdin
  uint32_t line = 0;   // script style: the code's first line in Job::code_file
};

struct TestRequest {
  uint32_t index = 0;
  std::vector<Call> calls;  // one call for CallStyle::function
};

// Where and why candidate code failed. line/column refer to the candidate's file (0: none).
struct Failure {
  std::string type;  // exception class name, e.g. "ZeroDivisionError"
  std::string
      builtin_type;     // nearest builtin class in its MRO ("Exception" for `class E(Exception)`)
  std::string message;  // str(exception), cut to a sane length
  int32_t line = 0;
  int32_t column = 0;
  std::string function;   // innermost candidate function on the traceback
  int32_t code_line = 0;  // script style: the innermost line of the test's code (in code_file)
};

enum class ReadyStatus : uint8_t {
  ok = 0,
  compile_error = 1,
  missing_entry = 2,
  import_error = 3,
  output_limit = 4,  // printed past the output limit while loading (caught or not)
};

struct Ready {
  ReadyStatus status = ReadyStatus::ok;
  Failure failure;
  std::vector<std::string> blocked;  // syscalls the sandbox refused while loading
};

// Sent in the `loading` frame, before candidate code runs (so it can be trusted).
struct Layer {
  std::string name;
  bool active = false;
  std::string detail;
  uint64_t setup_ns = 0;  // what entering it cost
};

enum class ResultStatus : uint8_t {
  ok = 0,            // value holds the return value (object style: a list, one per call)
  exception = 1,     // failure says what the candidate raised, failed_call where
  bad_value = 2,     // the value could not be encoded (subclass, cycle, depth, …);
                     // failure.type names the reason (see BadValue)
  output_limit = 3,  // printed output or the value exceeded output_bytes
};

// Why a value was refused, in Result::failure.type for ResultStatus::bad_value. The judge
// picks its own wording by code; the harness's message is shown for samples only.
namespace bad_value {
inline constexpr const char* k_not_plain = "not-plain";          // type, cycle, depth, text
inline constexpr const char* k_shared_node = "shared-node";      // fresh_nodes broken
inline constexpr const char* k_not_iterator = "not-iterator";    // generator style
inline constexpr const char* k_bad_structure = "bad-structure";  // e.g. a cyclic linked list
inline constexpr const char* k_unstable = "unstable";  // timing: too many answers to one input
}  // namespace bad_value

struct Captured {
  std::string head;    // first capture_bytes bytes written
  uint64_t total = 0;  // bytes written in all
};

struct Result {
  uint32_t index = 0;
  ResultStatus status = ResultStatus::ok;
  std::string value;         // wire-encoded
  uint32_t failed_call = 0;  // index into TestRequest::calls
  Failure failure;
  uint64_t cpu_ns = 0;  // process CPU time of the call(s), measured by C++ clocks
  uint64_t wall_ns = 0;
  uint64_t peak_rss_kb = 0;  // the box's peak so far: the judge's reading, not on the wire
  Captured out;
  Captured err;
  std::vector<std::string> blocked;  // syscalls the sandbox refused during this test
  uint32_t repetitions = 1;          // timing runs: how many the figures are the mean of
  // This thread's CPU for the whole test — decoding its input, the calls, encoding the
  // values — which is what the judge's reading between frames can be checked against (on a
  // large input it is far above the calls'). Timing runs: the repetitions' in all.
  uint64_t loop_cpu_ns = 0;
  // Timing runs: the first call with this input on its own (for the smallest size, the
  // first warm-up call). Far above the rest, it shows work kept from one call to the next.
  uint64_t first_cpu_ns = 0;
};

// --- zygote workers ----------------------------------------------------------------
//
// `pyjudge-harness --zygote` starts CPython once, preloads the stdlib, freezes the GC and
// then only forks: one child per job, which becomes exactly the process described above
// (fds 1-4, then the job conversation). The zygote itself never reads a job or runs
// candidate code. It talks to the judge's pool (judge/pool) over a SOCK_SEQPACKET socket
// on fd 3, one message per packet, the first byte its type:
//
//   zygote ──hello──▶ judge     u32 the zygote's pid: the interpreter is up
//   judge ──spawn──▶ zygote     no payload; SCM_RIGHTS carries exactly three descriptors:
//                               the job's command pipe (→ fd 3), result pipe (→ fd 4) and
//                               diagnostics pipe (→ fds 1 and 2)
//   zygote ──spawned──▶ judge   u32 the child's pid. The child is forked with CLONE_PARENT,
//                               so it is the judge's own child: the judge reaps it, reads
//                               its rusage and exit status, as if it had spawned it
//   zygote ──failed──▶ judge    str why not (the zygote stays usable)
//
// The socket closing (the judge exited) ends the zygote.
enum class ZygoteMessage : uint8_t { hello = 1, spawn = 2, spawned = 3, failed = 4 };
inline constexpr int k_zygote_fd = 3;
inline constexpr int k_zygote_passed_fds = 3;  // commands, results, diagnostics

std::string encode(const Job& job);
std::string encode(const TestRequest& test);
std::string encode(const Ready& ready);
std::string encode(const Result& result);
std::string encode(const std::vector<Layer>& layers);

// Decoders throw wire::DecodeError on malformed payloads.
Job decode_job(std::string_view payload);
TestRequest decode_test(std::string_view payload);
Ready decode_ready(std::string_view payload);
Result decode_result(std::string_view payload);
std::vector<Layer> decode_layers(std::string_view payload);

}  // namespace pyjudge::harness
