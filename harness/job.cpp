#include "harness/job.hpp"

#include <fcntl.h>
#include <pybind11/embed.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <regex>
#include <vector>

#include "harness/capture.hpp"
#include "harness/failure.hpp"
#include "harness/interpreter.hpp"
#include "harness/library_guard.hpp"
#include "harness/protocol.hpp"
#include "harness/py_codec.hpp"
#include "harness/wire.hpp"
#include "sandbox/sandbox.hpp"

namespace py = pybind11;

namespace pyjudge::harness {

namespace {

constexpr size_t k_max_inbound = 1u << 30;  // a job's frames come from the trusted judge

uint64_t now_ns(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

// two_sum → twoSum (LeetCode's method names).
std::string camel_case(const std::string& name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_' && !out.empty()) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// addNum → add_num.
std::string snake_case(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0 && !out.empty()) {
      out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Attribute lookup that does not run candidate code for plain modules and classes: the
// module's dict is read directly; on instances getattr is the normal Python protocol (the
// candidate's own class, run inside the box anyway).
py::object lookup(const py::handle& owner, const std::string& name) {
  if (PyObject_HasAttrString(owner.ptr(), name.c_str()) == 0) {
    PyErr_Clear();
    return py::object();
  }
  PyObject* v = PyObject_GetAttrString(owner.ptr(), name.c_str());
  if (v == nullptr) {
    PyErr_Clear();
    return py::object();
  }
  return py::reinterpret_steal<py::object>(v);
}

class JobRunner {
 public:
  JobRunner(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {}

  int run() {
    if (!receive()) {
      return k_exit_protocol;
    }
    close(in_fd_);
    // Trusted test code is compiled before the sandbox and before candidate code: a syntax
    // error in it is the challenge's fault (IE), not the candidate's.
    if (job_.style == CallStyle::script && !compile_test_code()) {
      return k_exit_protocol;
    }
    sandbox::Policy policy;
    policy.cpu_seconds = cpu_budget_seconds();
    policy.data_bytes = static_cast<uint64_t>(job_.limits.memory_mb) << 20;
    if (job_.limits.tasks_in_cgroup) {
      policy.processes = 0;  // pids.max holds; the per-uid count is the whole host's
    }
    policy.keep_fds = {out_fd_};
    policy.scratch_dir = job_.scratch_dir;
    policy.read_only_paths = runtime_paths();
    policy.read_write_paths = {"/dev/null"};
    if (!job_.scratch_dir.empty()) {
      policy.read_write_paths.push_back(job_.scratch_dir);
    }
    policy.unsafe = job_.unsafe;
    for (const TestRequest& t : tests_) {  // program style: stdin is a file the box reads
      for (const Call& c : t.calls) {
        policy.file_bytes = std::max<uint64_t>(policy.file_bytes, c.text.size() + 4096);
      }
    }
    policy.announce_box_pid = [this](pid_t box, pid_t init) {
      wire::Writer w;
      w.u32(static_cast<uint32_t>(box));
      w.u32(static_cast<uint32_t>(init));
      return send(FrameType::box, w.data());
    };
    policy.before_fork = [] { PyOS_BeforeFork(); };
    policy.after_fork_child = [] { PyOS_AfterFork_Child(); };
    sinks_ = install_sinks(job_.limits.capture_bytes, job_.limits.output_bytes);
    if (job_.style == CallStyle::program) {
      sinks_.out->set_keep(job_.limits.output_bytes);  // stdout is the program's answer
    }
    std::vector<sandbox::LayerStatus> layers;
    if (auto err = sandbox::enter(policy, layers)) {
      fatal("cannot enter the sandbox: " + *err +
            (job_.unsafe ? ""
                         : " (`pyjudge doctor` shows what this host offers; "
                           "--unsafe-no-sandbox judges anyway)"));
      return k_exit_sandbox;
    }
    std::vector<Layer> report;
    for (const auto& l : layers) {
      report.push_back({l.name, l.active, l.detail, l.setup_ns});
    }
    if (!send(FrameType::loading, encode(report))) {
      return k_exit_protocol;
    }
    Ready ready = load_candidate();
    ready.blocked = blocked_since_last();
    if (!send(FrameType::ready, encode(ready))) {
      return k_exit_protocol;
    }
    if (ready.status != ReadyStatus::ok) {
      return k_exit_ok;
    }
    for (const TestRequest& t : tests_) {
      bool first = &t == tests_.data();
      // A timing run's first test is its warm-up; it is timed too only when it is the only one.
      if (!send_result(job_.timing ? time_test(t, first, !first || tests_.size() == 1)
                                   : run_test(t))) {
        return k_exit_protocol;
      }
    }
    return k_exit_ok;
  }

 private:
  bool receive() {
    wire::Frame f;
    wire::FrameBuffer in(k_max_inbound);
    try {
      if (wire::read_frame(in_fd_, in, f) != wire::IoStatus::ok ||
          f.type != static_cast<uint8_t>(FrameType::job)) {
        return fatal("expected a job frame");
      }
      job_ = decode_job(f.payload);
      for (uint32_t i = 0; i < job_.test_count; ++i) {
        if (wire::read_frame(in_fd_, in, f) != wire::IoStatus::ok ||
            f.type != static_cast<uint8_t>(FrameType::test)) {
          return fatal(fmt::format("expected test frame {} of {}", i + 1, job_.test_count));
        }
        tests_.push_back(decode_test(f.payload));
      }
      if (wire::read_frame(in_fd_, in, f) != wire::IoStatus::ok ||
          f.type != static_cast<uint8_t>(FrameType::start)) {
        return fatal("expected the start frame");
      }
    } catch (const wire::DecodeError& e) {
      return fatal(std::string("malformed frame from the judge: ") + e.what());
    }
    return true;
  }

  // The judge enforces time per test; this kernel limit is the backstop for the whole job.
  [[nodiscard]] uint32_t cpu_budget_seconds() const {
    // A timing run's first test also runs its warm-up: up to 12 times the per-test time.
    uint64_t per_test = static_cast<uint64_t>(job_.limits.time_ms) * (job_.timing ? 12 : 1);
    uint64_t ms = per_test * (tests_.size() + 1) + 1000;
    return static_cast<uint32_t>((ms + 999) / 1000);
  }

  Ready load_candidate() {
    Ready ready;
    py::module_ builtins = py::module_::import("builtins");
    py::bytes source(job_.source);
    PyObject* code = PyObject_CallFunctionObjArgs(
        builtins.attr("compile").ptr(), source.ptr(), py::str(job_.filename).ptr(),
        py::str("exec").ptr(), py::int_(0).ptr(), Py_True, nullptr);
    if (code == nullptr) {
      // compile() runs no candidate code: whatever it raises (SyntaxError, ValueError for
      // NUL bytes, RecursionError for absurd nesting) is about the source.
      ready.status = ReadyStatus::compile_error;
      ready.failure = take_syntax_failure();
      return ready;
    }
    py::object code_obj = py::reinterpret_steal<py::object>(code);
    if (job_.style == CallStyle::program) {
      program_ = code_obj;  // run afresh per test, as `__main__`
      return ready;
    }
    py::module_ types = py::module_::import("types");
    module_ = types.attr("ModuleType")("solution");
    module_.attr("__file__") = job_.filename;
    py::module_::import("sys").attr("modules")["solution"] = module_;
    py::dict globals = module_.attr("__dict__");
    // As every module has: without it, code that reads __builtins__ (datetime.strptime's
    // lazy import, for one) fails with KeyError.
    globals["__builtins__"] = builtins;
    // LeetCode's environment predefines typing's names; pasted answers rely on List[int].
    py::module_ typing = py::module_::import("typing");
    for (const char* n : {"List", "Dict", "Set", "Tuple", "Optional", "Deque", "DefaultDict",
                          "Iterable", "Iterator", "Generator", "Callable", "Any", "Union"}) {
      globals[n] = typing.attr(n);
    }
    // And its node classes (the candidate may define its own of the same names instead).
    const NodeClasses& nodes = node_classes();
    globals["ListNode"] = py::handle(nodes.list_node);
    globals["TreeNode"] = py::handle(nodes.tree_node);
    globals["Node"] = py::handle(nodes.graph_node);
    PyObject* res = PyEval_EvalCode(code_obj.ptr(), globals.ptr(), globals.ptr());
    // Past the output limit while loading is OLE, as in a test: also when the candidate
    // caught OutputLimitExceeded and went on.
    if (sinks_.out->overflowed() || sinks_.err->overflowed()) {
      if (res == nullptr) {
        ready.failure = take_failure(job_.filename);
      }
      Py_XDECREF(res);
      ready.status = ReadyStatus::output_limit;
      return ready;
    }
    if (res == nullptr) {
      ready.status = ReadyStatus::import_error;
      ready.failure = take_failure(job_.filename);
      return ready;
    }
    Py_DECREF(res);
    if (auto missing = resolve_entry()) {
      ready.status = ReadyStatus::missing_entry;
      ready.failure.message = *missing;
    }
    return ready;
  }

  // Finds what tests call. Returns a message when the entry point is missing.
  std::optional<std::string> resolve_entry() {
    py::object entry = lookup(module_, job_.entry);
    if (job_.style == CallStyle::script) {
      if (entry) {
        entry_ = entry;
        return std::nullopt;
      }
      return fmt::format("no `{}` found; the tests use `{}` from your file{}", job_.entry,
                         job_.entry, defined_names());
    }
    if (job_.style == CallStyle::generator && entry && PyIter_Check(entry.ptr()) != 0 &&
        PyCallable_Check(entry.ptr()) == 0) {
      // One object for every test would carry its state from test to test.
      return fmt::format(
          "`{}` is a generator object; define a generator function (`def {}(…):` "
          "that yields) so each test gets a fresh one",
          job_.entry, job_.entry);
    }
    if (job_.style == CallStyle::object) {
      if (entry && PyType_Check(entry.ptr())) {
        entry_ = entry;
        return std::nullopt;
      }
      if (entry) {  // a function (or anything else) of the class's name
        return fmt::format(
            "`{}` is a {}, not a class; define `class {}:` with the methods the "
            "tests call",
            job_.entry, Py_TYPE(entry.ptr())->tp_name, job_.entry);
      }
      return fmt::format("no class `{}` found; define `class {}:`{}", job_.entry, job_.entry,
                         defined_names());
    }
    if (entry && PyCallable_Check(entry.ptr()) != 0 && !PyType_Check(entry.ptr())) {
      entry_ = entry;
      return std::nullopt;
    }
    std::string camel = camel_case(job_.entry);
    if (camel != job_.entry) {
      py::object alt = lookup(module_, camel);
      if (alt && PyCallable_Check(alt.ptr()) != 0 && !PyType_Check(alt.ptr())) {
        entry_ = alt;
        return std::nullopt;
      }
    }
    py::object solution = lookup(module_, "Solution");
    if (solution && PyType_Check(solution.ptr())) {
      for (const std::string& name : {camel, job_.entry}) {
        if (lookup(solution, name)) {
          solution_class_ = solution;
          solution_method_ = name;
          return std::nullopt;
        }
      }
      return fmt::format("`class Solution` has no method `{}`{}", camel, defined_names());
    }
    return fmt::format(
        "no function `{}` found (nor LeetCode's `class Solution` with a method "
        "`{}`){}",
        job_.entry, camel, defined_names());
  }

  // "; your file defines: a, b" — to help spot a typo in a name.
  std::string defined_names() {
    std::string names;
    PyObject* dict = PyModule_GetDict(module_.ptr());
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &pos, &key, &value) != 0) {
      if (!PyUnicode_Check(key) || !(PyFunction_Check(value) || PyType_Check(value))) {
        continue;
      }
      const char* k = PyUnicode_AsUTF8(key);
      if (k == nullptr) {
        PyErr_Clear();
        continue;
      }
      // Skip what we put there ourselves (typing's aliases).
      if (PyType_Check(value) || PyFunction_Check(value)) {
        PyObject* mod = PyObject_GetAttrString(value, "__module__");
        const char* mod_name =
            mod != nullptr && PyUnicode_Check(mod) ? PyUnicode_AsUTF8(mod) : nullptr;
        bool ours = mod_name != nullptr && std::string_view(mod_name) == "solution";
        Py_XDECREF(mod);
        PyErr_Clear();
        if (!ours) {
          continue;
        }
      }
      names += (names.empty() ? "" : ", ") + std::string(k);
    }
    return names.empty() ? "; your file defines no functions or classes"
                         : "; your file defines: " + names;
  }

  // Names of the syscalls seccomp refused since the last call.
  static std::vector<std::string> blocked_since_last() {
    std::vector<std::string> names;
    for (int nr : sandbox::take_violations()) {
      std::string n = sandbox::syscall_name(nr);
      if (std::find(names.begin(), names.end(), n) == names.end()) {
        names.push_back(std::move(n));
      }
    }
    return names;
  }

  Result run_test(const TestRequest& t) {
    const uint64_t start = now_ns(CLOCK_THREAD_CPUTIME_ID);
    Result r;
    r.index = t.index;
    sinks_.out->reset();
    sinks_.err->reset();
    (void)sandbox::take_violations();  // anything a leftover thread did in between
    try {
      call_all(t, r);
    } catch (const std::bad_alloc&) {
      // Encoding or bookkeeping ran out of memory under the candidate's data limit.
      PyErr_Clear();
      r.status = ResultStatus::exception;
      std::string().swap(r.value);
      r.failure = Failure{"MemoryError", "MemoryError", "", 0, 0, ""};
    } catch (py::error_already_set& e) {
      // A Python error in the harness's own calls during a test (e.g. MemoryError while
      // building arguments): the candidate's state caused it, so it is the test's failure.
      e.restore();
      r.status = ResultStatus::exception;
      std::string().swap(r.value);
      r.failure = take_failure(job_.filename);
    }
    if (sinks_.out->overflowed() || sinks_.err->overflowed()) {
      r.status = ResultStatus::output_limit;
    }
    if (job_.style == CallStyle::program && r.status == ResultStatus::ok) {
      (void)sinks_.out->take();  // the value holds stdout; r.out keeps only its size
    } else {
      r.out = sinks_.out->take();
    }
    r.err = sinks_.err->take();
    r.blocked = blocked_since_last();
    // The whole test (decoding its input, the calls, encoding the values): what the judge's
    // own reading between frames also counts.
    r.loop_cpu_ns = now_ns(CLOCK_THREAD_CPUTIME_ID) - start;
    return r;
  }

  // Calls f under the C++ clocks and adds what it took to the result's figures.
  //  - The calling thread's clock is exact, and is read right around the call (each read
  //    of a CPU clock is a system call). A timing run reads only this one.
  //  - A test also reads the process clock, which counts threads the candidate started.
  //    With RLIMIT_CPU set (the sandbox sets it) Linux keeps that clock as of the threads'
  //    last scheduler update, and reading this thread's clock is such an update: so each
  //    process reading comes right after a thread reading, or the first would miss what
  //    this thread ran since the last tick (decoding the input, up to a tick of it) and the
  //    second would count it against the call. The larger of the two is right in both cases.
  template <typename F>
  PyObject* timed(Result& r, F&& f) {
    const bool whole_process = !job_.timing || whole_process_call_;
    uint64_t w0 = now_ns(CLOCK_MONOTONIC);  // the vDSO: no system call
    uint64_t t0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
    uint64_t p0 = whole_process ? now_ns(CLOCK_PROCESS_CPUTIME_ID) : 0;
    PyObject* out = f();
    uint64_t cpu = now_ns(CLOCK_THREAD_CPUTIME_ID) - t0;
    if (whole_process) {
      cpu = std::max(cpu, now_ns(CLOCK_PROCESS_CPUTIME_ID) - p0);
    }
    r.cpu_ns += cpu;
    r.wall_ns += now_ns(CLOCK_MONOTONIC) - w0;
    return out;
  }

  // The pending Python error as the test's failure.
  void failed(Result& r, uint32_t call) {
    r.failed_call = call;
    bool output_limit = output_limit_pending();
    r.failure = take_failure(job_.filename, job_.style == CallStyle::script ? job_.code_file : "");
    r.status = output_limit ? ResultStatus::output_limit : ResultStatus::exception;
  }

  static void refused(Result& r, uint32_t call, const EncodeError& err) {
    r.failed_call = call;
    r.status = err.kind == EncodeError::Kind::too_large ? ResultStatus::output_limit
                                                        : ResultStatus::bad_value;
    r.failure.type = err.kind == EncodeError::Kind::shared_node     ? bad_value::k_shared_node
                     : err.kind == EncodeError::Kind::bad_structure ? bad_value::k_bad_structure
                                                                    : bad_value::k_not_plain;
    r.failure.message = err.message;
  }

  void call_all(const TestRequest& t, Result& r) {
    switch (job_.style) {
      case CallStyle::generator:
        return run_generator(t, r);
      case CallStyle::script:
        return run_script(t, r);
      case CallStyle::program:
        return run_program(t, r);
      case CallStyle::function:
      case CallStyle::object:
        break;
    }
    call_each(t, r);
  }

  // A timing run's test: warm-up (first test only), then repetitions until they add up to
  // k_min_sample_ns of CPU; the figures are per repetition. A failing repetition ends it.
  Result time_test(const TestRequest& t, bool warm_up, bool timed) {
    constexpr uint64_t k_min_sample_ns = 10'000'000;
    constexpr int k_warm_up = 10;
    // Every answer a call gives counts: each different one (by its encoding) goes to the
    // judge, which checks it against the reference's answer by the challenge's rules, so no
    // call can return anything cheaper while timed. (That a timing run has the GC off, or
    // repeats one input, can be told from inside.) An honest solution gives one answer, or a
    // few (it shuffles, and any of several is right); past k_max_answers different ones the
    // run stops there, and the judge checks the ones it got.
    constexpr size_t k_max_answers = 8;
    std::vector<std::string> answers;
    uint64_t first_cpu = 0;
    uint32_t calls = 0;
    auto all_answers = [&] {
      wire::Writer list;
      list.u8(wire::tag::k_list);
      list.u32(static_cast<uint32_t>(answers.size()));
      for (const std::string& a : answers) {
        list.raw(a);
      }
      return list.take();
    };
    auto keep_answer = [&](Result& r) {
      if (calls++ == 0) {
        first_cpu = r.cpu_ns;  // the whole process's: see run_first below
      }
      if (std::find(answers.begin(), answers.end(), r.value) != answers.end()) {
        return true;
      }
      if (answers.size() == k_max_answers) {
        r.status = ResultStatus::bad_value;
        r.failure.type = bad_value::k_unstable;
        r.failure.message = fmt::format(
            "more than {} different answers to the same input (call {})", k_max_answers, calls);
        r.value = all_answers();
        return false;
      }
      answers.push_back(r.value);
      return true;
    };
    // The first call with an input is timed on the whole process's clock too: work handed to
    // another thread while this one waits would otherwise look like a call of nothing, and
    // keep its cache out of sight (keeps_work in the judge compares first and later calls).
    auto run_first = [&] {
      whole_process_call_ = true;
      Result r = run_test(t);
      whole_process_call_ = false;
      return r;
    };
    if (warm_up) {
      for (int i = 0; i < k_warm_up; ++i) {
        Result r = i == 0 ? run_first() : run_test(t);
        if (r.status != ResultStatus::ok || !keep_answer(r) || (!timed && i + 1 == k_warm_up)) {
          if (!timed && r.status == ResultStatus::ok) {  // nothing measured: the judge ignores it
            r.repetitions = 0;
            r.value = std::string(1, wire::tag::k_none);
          }
          return r;
        }
      }
    }
    // The calling thread's clock: exact, where the process clock moves in scheduler ticks
    // (4 ms here) and would swamp calls of microseconds. Work done in other threads is
    // not timed here (correctness tests still count it against the time limit).
    // The cyclic GC off while timing: a collection triggered by whatever happened to
    // allocate last would land in one sample and not another (CPython's own timeit does
    // the same). Reference cycles are freed once it is back on.
    int gc_was_enabled = PyGC_Disable();
    struct GcOn {
      int was;
      ~GcOn() {
        if (was != 0) {
          PyGC_Enable();
        }
      }
    } gc_on{gc_was_enabled};
    // Repetitions until the calls took 10 ms — or until the repetitions as a whole (each
    // decodes its input afresh and encodes its result) took 20 times that: a call of
    // nanoseconds on an input that takes milliseconds to decode is then averaged over
    // hundreds of calls instead of being repeated for minutes.
    constexpr uint64_t k_max_loop_ns = 20 * k_min_sample_ns;
    const uint64_t loop_start = now_ns(CLOCK_THREAD_CPUTIME_ID);
    uint64_t cpu = 0;
    uint64_t wall = 0;
    uint32_t reps = 0;
    Result last;
    do {
      // A timing run's figures: the calling thread's clock only, but for an input's first call.
      last = calls == 0 ? run_first() : run_test(t);
      if (last.status != ResultStatus::ok || !keep_answer(last)) {
        return last;
      }
      cpu += last.cpu_ns;
      wall += last.wall_ns;
      ++reps;
    } while (cpu < k_min_sample_ns && reps < 1'000'000 &&
             now_ns(CLOCK_THREAD_CPUTIME_ID) - loop_start < k_max_loop_ns);
    last.cpu_ns = cpu / reps;
    last.wall_ns = wall / reps;
    last.repetitions = reps;
    last.loop_cpu_ns = now_ns(CLOCK_THREAD_CPUTIME_ID) - loop_start;
    last.first_cpu_ns = first_cpu;
    last.value = all_answers();  // a list: the judge compares each with the reference's
    return last;
  }

  // Runs a test's calls in order. Each return value is encoded right after its call, so a
  // later op cannot change what an earlier one returned.
  void call_each(const TestRequest& t, Result& r) {
    wire::Writer values;
    const size_t limit = job_.limits.output_bytes;
    py::object target;  // the instance under test (object style, or a LeetCode Solution())
    size_t encoded = 0;
    for (size_t i = 0; i < t.calls.size(); ++i) {
      const auto call = static_cast<uint32_t>(i);
      // The callee before the arguments: a LeetCode Solution() is made (untimed) before its
      // input exists, so its __init__ cannot get a head start on it.
      py::object callee = callee_for(t.calls[i], i, target);
      if (!callee) {
        failed(r, call);
        break;
      }
      py::object args = decode_args(t.calls[i].args);
      py::object kwargs = decode_kwargs(t.calls[i].kwargs);
      NodeSet inputs;  // fresh_nodes: the arguments' nodes, alive as long as `args`
      if (job_.fresh_nodes) {
        collect_nodes(args.ptr(), inputs);
      }
      PyObject* out =
          timed(r, [&] { return PyObject_Call(callee.ptr(), args.ptr(), kwargs.ptr()); });
      if (out == nullptr) {
        failed(r, call);
        break;
      }
      py::object value = py::reinterpret_steal<py::object>(out);
      if (job_.style == CallStyle::object && i == 0) {
        target = value;  // the constructed instance; the constructor's op result is None
        value = py::none();
      }
      if (job_.style == CallStyle::function && job_.observe >= 0 &&
          job_.observe < PyTuple_GET_SIZE(args.ptr())) {
        // In place: the argument after the call is the answer; the return value is ignored.
        value = py::reinterpret_borrow<py::object>(PyTuple_GET_ITEM(args.ptr(), job_.observe));
      }
      if (auto err =
              encode_value(value.ptr(), values, limit, job_.fresh_nodes ? &inputs : nullptr)) {
        refused(r, call, *err);
        return;
      }
      ++encoded;
    }
    if (job_.style == CallStyle::function) {
      if (r.status == ResultStatus::ok) {
        r.value = values.take();
      }
      return;
    }
    // Object style: a list with one value per op that ran (all of them unless one raised).
    wire::Writer list;
    list.u8(wire::tag::k_list);
    list.u32(static_cast<uint32_t>(encoded));
    list.raw(values.data());
    r.value = list.take();
  }

  // What to call for call i. For function style a LeetCode Solution is instantiated
  // per test, before the clock starts, like LeetCode does.
  py::object callee_for(const Call& call, size_t i, py::object& target) {
    if (job_.style == CallStyle::function || job_.style == CallStyle::generator) {
      if (!solution_class_) {
        return entry_;
      }
      PyObject* inst = PyObject_CallNoArgs(solution_class_.ptr());
      if (inst == nullptr) {
        return py::object();  // the error is pending; reported as the test's failure
      }
      target = py::reinterpret_steal<py::object>(inst);
      return lookup_or_raise(target, solution_method_);
    }
    if (i == 0) {
      return entry_;
    }
    for (const std::string& name :
         {call.method, snake_case(call.method), camel_case(call.method)}) {
      if (py::object m = lookup(target, name)) {
        return m;
      }
    }
    PyErr_Format(PyExc_AttributeError, "'%s' object has no method '%s'",
                 Py_TYPE(target.ptr())->tp_name, call.method.c_str());
    return py::object();
  }

  static py::object lookup_or_raise(const py::object& owner, const std::string& name) {
    PyObject* m = PyObject_GetAttrString(owner.ptr(), name.c_str());
    return m == nullptr ? py::object() : py::reinterpret_steal<py::object>(m);
  }

  // Generator style: the entry's iterator, pulled up to `take` times. Each item is encoded
  // as it comes, so an infinite generator is fine and later items cannot change earlier ones.
  void run_generator(const TestRequest& t, Result& r) {
    const Call& call = t.calls.at(0);
    py::object target;
    py::object callee = callee_for(call, 0, target);  // before the input exists, as above
    if (!callee) {
      return failed(r, 0);
    }
    py::object args = decode_args(call.args);
    PyObject* out = timed(r, [&] { return PyObject_Call(callee.ptr(), args.ptr(), nullptr); });
    if (out == nullptr) {
      return failed(r, 0);
    }
    py::object it = py::reinterpret_steal<py::object>(out);
    if (PyIter_Check(it.ptr()) == 0) {
      r.status = ResultStatus::bad_value;
      r.failure.type = bad_value::k_not_iterator;
      r.failure.message = fmt::format(
          "a {} instead of an iterator: `yield` the items (a generator) so they are "
          "produced one at a time",
          Py_TYPE(it.ptr())->tp_name);
      return;
    }
    wire::Writer items;
    uint32_t pulled = 0;
    while (pulled < call.take) {
      PyObject* item = timed(r, [&] { return PyIter_Next(it.ptr()); });
      if (item == nullptr) {
        if (PyErr_Occurred() != nullptr) {
          return failed(r, pulled);
        }
        break;  // StopIteration: the generator is done
      }
      py::object value = py::reinterpret_steal<py::object>(item);
      if (auto err = encode_value(value.ptr(), items, job_.limits.output_bytes)) {
        err->message = fmt::format("item {}: {}", pulled, err->message);
        return refused(r, pulled, *err);
      }
      ++pulled;
    }
    wire::Writer list;
    list.u8(wire::tag::k_list);
    list.u32(pulled);
    list.raw(items.data());
    r.value = list.take();
  }

  // Compiles each test's code (and the helpers) as the body of a function, with line
  // numbers of the file it came from, so tracebacks point into the spec.
  bool compile_test_code() {
    auto compile_at = [&](const std::string& source, uint32_t line, bool as_function,
                          py::object& out) -> bool {
      std::string text(line > 1 ? line - (as_function ? 2 : 1) : 0, '\n');
      if (as_function) {
        text += "def __pyjudge_test__():\n";
        std::string body = source.empty() ? "pass" : source;
        size_t start = 0;
        while (start <= body.size()) {
          size_t end = body.find('\n', start);
          std::string_view ln(body.data() + start,
                              (end == std::string::npos ? body.size() : end) - start);
          text += "    ";
          text += ln;
          text += '\n';
          if (end == std::string::npos) {
            break;
          }
          start = end + 1;
        }
      } else {
        text += source;
      }
      PyObject* code = Py_CompileString(text.c_str(), job_.code_file.c_str(), Py_file_input);
      if (code == nullptr) {
        Failure f = take_syntax_failure();
        return fatal(fmt::format("the challenge's test code does not compile: {}: {} ({}:{})",
                                 f.type, f.message, job_.code_file, f.line));
      }
      out = py::reinterpret_steal<py::object>(code);
      return true;
    };
    // Test code gets builtins as they are now, before the candidate can replace any.
    test_builtins_ = py::reinterpret_steal<py::object>(
        PyDict_Copy(py::module_::import("builtins").attr("__dict__").ptr()));
    if (!job_.helpers.empty() && !compile_at(job_.helpers, job_.helpers_line, false, helpers_)) {
      return false;
    }
    for (const TestRequest& t : tests_) {
      py::object code;
      if (!compile_at(t.calls.at(0).text, t.calls.at(0).line, true, code)) {
        return false;
      }
      test_code_.push_back(code);
    }
    // The modules the test code imports, loaded now (it would load them anyway), so that
    // the guard records them as they are before the candidate's file runs.
    static const std::regex k_import(R"((?:^|\n)[ \t]*(?:import|from)[ \t]+([A-Za-z_][\w.]*))");
    std::string all = job_.helpers;
    for (const TestRequest& t : tests_) {
      all += "\n" + t.calls.at(0).text;
    }
    for (std::sregex_iterator it(all.begin(), all.end(), k_import), end; it != end; ++it) {
      Py_XDECREF(PyImport_ImportModule((*it)[1].str().c_str()));
      PyErr_Clear();  // a test that imports something missing fails in its own run
    }
    library_.record();
    return true;
  }

  // Script tests rely on the library being as Python ships it (LibraryGuard): a change the
  // candidate made is the test's failure, named.
  bool library_intact(Result& r) {
    auto changed = library_.check();
    if (!changed) {
      return true;
    }
    r.status = ResultStatus::exception;
    r.failure = Failure{"RuntimeError",
                        "RuntimeError",
                        fmt::format("the solution changed {}, which the tests rely on: leave "
                                    "library modules and their classes as they are",
                                    *changed),
                        0,
                        0,
                        ""};
    return false;
  }

  // Script style: the test's code runs as a function in a fresh namespace that holds the
  // helpers and `solution`; what it returns is the observation the judge compares.
  void run_script(const TestRequest& t, Result& r) {
    size_t slot = static_cast<size_t>(&t - tests_.data());
    if (!library_intact(r)) {
      return;
    }
    py::dict ns;
    ns["__builtins__"] = test_builtins_;
    ns["__name__"] = "__pyjudge_test__";
    ns["solution"] = module_;
    if (helpers_) {
      PyObject* done = PyEval_EvalCode(helpers_.ptr(), ns.ptr(), ns.ptr());
      if (done == nullptr) {
        return failed(r, 0);
      }
      Py_DECREF(done);
    }
    PyObject* defined = PyEval_EvalCode(test_code_.at(slot).ptr(), ns.ptr(), ns.ptr());
    if (defined == nullptr) {
      return failed(r, 0);
    }
    Py_DECREF(defined);
    py::object fn = ns["__pyjudge_test__"];
    PyObject* out = timed(r, [&] { return PyObject_CallNoArgs(fn.ptr()); });
    if (out == nullptr) {
      return failed(r, 0);
    }
    py::object value = py::reinterpret_steal<py::object>(out);
    if (!library_intact(r)) {  // changed during the test: what it observed is not to be trusted
      return;
    }
    wire::Writer w;
    if (auto err = encode_value(value.ptr(), w, job_.limits.output_bytes)) {
      return refused(r, 0, *err);
    }
    r.value = w.take();
  }

  // Program style: the candidate's file runs as `__main__` with the test's input on stdin
  // (fd 0 and sys.stdin); what it printed to stdout is the result, as bytes.
  void run_program(const TestRequest& t, Result& r) {
    const Call& call = t.calls.at(0);
    if (auto err = provide_stdin(call.text)) {
      // The harness could not set the test up inside the box (the scratch is full): no
      // candidate code ran for this test, so it is reported as an error of the run.
      r.status = ResultStatus::exception;
      r.failure = Failure{"OSError", "OSError", "cannot provide stdin: " + *err, 0, 0, ""};
      return;
    }
    py::dict ns;
    ns["__builtins__"] = py::module_::import("builtins");
    ns["__name__"] = "__main__";
    ns["__file__"] = job_.filename;
    PyObject* out = timed(r, [&] { return PyEval_EvalCode(program_.ptr(), ns.ptr(), ns.ptr()); });
    if (out == nullptr && PyErr_ExceptionMatches(PyExc_SystemExit) != 0 && exit_is_success()) {
      PyErr_Clear();
      out = Py_NewRef(Py_None);
    }
    if (out == nullptr) {
      return failed(r, 0);
    }
    Py_DECREF(out);
    if (sinks_.out->overflowed()) {
      return;  // run_test reports the output limit
    }
    Captured printed = sinks_.out->take();
    wire::Writer w;
    w.u8(wire::tag::k_bytes);
    w.str(printed.head);
    r.value = w.take();
    r.out.total = printed.total;
  }

  // sys.exit(), sys.exit(0) and sys.exit(None) end a program normally. Leaves the error set.
  static bool exit_is_success() {
    PyObject* type = nullptr;
    PyObject* value = nullptr;
    PyObject* tb = nullptr;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    bool ok = false;
    if (value != nullptr &&
        PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_SystemExit))) {
      PyObject* code = reinterpret_cast<PySystemExitObject*>(value)->code;
      ok = code == nullptr || code == Py_None || code == Py_False ||
           (PyLong_CheckExact(code) && PyLong_AsLongLong(code) == 0);
      PyErr_Clear();
    }
    PyErr_Restore(type, value, tb);
    return ok;
  }

  // fd 0 becomes an unnamed file holding `text`, and sys.stdin a fresh reader of it.
  std::optional<std::string> provide_stdin(const std::string& text) {
    int fd = open(".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
      char name[] = "./.pyjudge-stdin-XXXXXX";
      fd = mkostemp(name, O_CLOEXEC);
      if (fd < 0) {
        return fmt::format("cannot create a file in the scratch folder: {}", std::strerror(errno));
      }
      unlink(name);
    }
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        int err = errno;
        close(fd);
        return fmt::format("writing the input: {}", std::strerror(err));
      }
      done += static_cast<size_t>(n);
    }
    // fd 0 itself when the last test's program closed it (`open(0)` closes on collection).
    if (lseek(fd, 0, SEEK_SET) != 0 || (fd != 0 && dup2(fd, 0) != 0)) {
      int err = errno;
      close(fd);
      return fmt::format("dup2: {}", std::strerror(err));
    }
    if (fd != 0) {
      close(fd);
    }
    py::module_ io = py::module_::import("io");
    py::object in =
        io.attr("open")(0, "r", py::arg("encoding") = "utf-8", py::arg("closefd") = false);
    py::module_ sys = py::module_::import("sys");
    sys.attr("stdin") = in;
    sys.attr("__stdin__") = in;
    return std::nullopt;
  }

  py::object decode_kwargs(const std::string& encoded) {
    if (encoded.empty()) {
      return py::object();
    }
    wire::Reader reader(encoded);
    py::object kwargs = py::reinterpret_steal<py::object>(decode_value(reader));
    if (!PyDict_CheckExact(kwargs.ptr())) {
      throw wire::DecodeError("keyword arguments must be a dict");
    }
    return kwargs;
  }

  py::object decode_args(const std::string& encoded) {
    wire::Reader reader(encoded);
    py::object args = py::reinterpret_steal<py::object>(decode_value(reader));
    if (!PyTuple_CheckExact(args.ptr())) {
      throw wire::DecodeError("arguments must be a tuple");
    }
    return args;
  }

  // Framing a large value under the candidate's memory limit can itself run out of memory:
  // then the value is dropped and the test reports MemoryError.
  bool send_result(Result r) {
    try {
      return send(FrameType::result, encode(r));
    } catch (const std::bad_alloc&) {
      std::string().swap(r.value);
      r.status = ResultStatus::exception;
      r.failure =
          Failure{"MemoryError", "MemoryError", "no memory left to send the result", 0, 0, ""};
      return send(FrameType::result, encode(r));
    }
  }

  bool send(FrameType type, const std::string& payload) {
    return wire::write_frame(out_fd_, static_cast<uint8_t>(type), payload);
  }

  bool fatal(const std::string& message) {
    (void)send(FrameType::fatal, message);
    return false;
  }

  int in_fd_;
  int out_fd_;
  Job job_;
  std::vector<TestRequest> tests_;
  Sinks sinks_;
  py::object module_;
  py::object program_;                 // program style: the compiled file
  py::object helpers_;                 // script style: compiled helpers
  std::vector<py::object> test_code_;  // script style: one compiled function per test
  py::object test_builtins_;           // script style: builtins before the candidate ran
  LibraryGuard library_;               // script style: the library before the candidate ran
  bool whole_process_call_ = false;    // timing runs: this call on the process clock too
  py::object entry_;
  py::object solution_class_;
  std::string solution_method_;
};

}  // namespace

int serve_job(int in_fd, int out_fd) {
  try {
    return JobRunner(in_fd, out_fd).run();
  } catch (const wire::DecodeError& e) {
    std::string msg = std::string("malformed test input from the judge: ") + e.what();
    (void)wire::write_frame(out_fd, static_cast<uint8_t>(FrameType::fatal), msg);
    return k_exit_protocol;
  } catch (const py::error_already_set& e) {
    std::string msg = std::string("the harness hit a Python error of its own: ") + e.what();
    (void)wire::write_frame(out_fd, static_cast<uint8_t>(FrameType::fatal), msg);
    return k_exit_protocol;
  }
}

}  // namespace pyjudge::harness
