#include "judge/cli.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>

#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/pool.hpp"
#include "judge/report.hpp"
#include "judge/scaffold.hpp"
#include "judge/spec.hpp"
#include "judge/validate.hpp"
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
                std::ostream& out) {
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
    if (a.json) {
      nlohmann::ordered_json j = {{"file", a.files[i]}};
      j.update(report_json(c, r));
      if (perf) {
        add_performance_json(j, *perf);
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

int submit(const SubmitArgs& a, std::ostream& out, std::ostream& err) {
  Expected<std::filesystem::path> dir = find_challenge(a.challenge, default_challenges_root());
  if (!dir) {
    err << "pyjudge: " << dir.error().message << "\n";
    return k_exit_usage;
  }
  Expected<Challenge> challenge = load_challenge(*dir);
  if (!challenge) {
    err << "pyjudge: invalid challenge spec\n  " << challenge.error().message << "\n";
    return k_exit_usage;
  }
  std::vector<Expected<Submission>> files;
  for (const std::string& f : a.files) {
    files.push_back(read_submission(f));
  }
  if (files.size() == 1 && !files[0]) {
    err << "pyjudge: " << files[0].error().message << "\n";
    return k_exit_usage;
  }
  WorkerPool::set_default_size(a.jobs);
  JudgeOptions options;
  options.harness_exe =
      a.harness.empty() ? default_harness_path() : std::filesystem::path(a.harness);
  options.unsafe = a.unsafe;
  if (!a.unsafe) {
    if (auto missing = sandbox::probe_minimum()) {
      err << "pyjudge: refusing to judge: this host cannot give the minimum sandbox (rlimits + "
             "seccomp + Landlock)\n  "
          << *missing
          << "\n  `pyjudge doctor` shows what the host offers; --unsafe-no-sandbox judges anyway "
             "(only for code you trust).\n";
      return k_exit_internal;
    }
  }
  if (challenge->generated) {
    GenerateOptions go{options.harness_exe, default_cache_dir(), options.unsafe};
    if (auto e = materialize(*challenge, go)) {
      err << "pyjudge: cannot make the challenge's generated tests\n  " << *e << "\n";
      return k_exit_usage;
    }
  }
  if (a.unsafe) {
    err << "pyjudge: warning: --unsafe-no-sandbox: the solution runs with rlimits only, able to "
           "start processes, open sockets and read your files\n";
  }
  if (files.size() > 1) {
    return submit_many(a, *challenge, files, options, out);
  }
  const Submission& submission = *files[0];
  Report report = judge(*challenge, submission, options);
  // Speed and growth only mean something for a correct solution.
  std::optional<PerfReport> perf;
  if (challenge->performance && report.verdict == Verdict::AC && !a.no_performance) {
    perf = measure_performance(*challenge, submission, {options.harness_exe, options.unsafe});
  }
  if (a.json) {
    nlohmann::ordered_json j = report_json(*challenge, report);
    if (perf) {
      add_performance_json(j, *perf);
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
  std::vector<std::string> readable;
  try {
    bp::ipstream pipe;
    bp::child c(harness.string(), "--describe", bp::std_out > pipe, bp::std_err > bp::null);
    std::string line;
    while (std::getline(pipe, line)) {
      if (line.starts_with("python ")) {
        python = line.substr(7);
      } else if (line.starts_with("read-only ")) {
        readable.push_back(line.substr(10));
      }
    }
    c.wait();
  } catch (const std::exception& e) {
    python += std::string(" (") + e.what() + ")";
  }
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
    out << j.dump(2) << "\n";
    return minimum ? k_exit_accepted : k_exit_rejected;
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
  out << "\n\n";
  out << (minimum ? "The minimum (rlimits + seccomp + Landlock) holds: pyjudge judges with the "
                    "layers marked "
                    "yes.\n"
                  : "The minimum (rlimits + seccomp + Landlock) does NOT hold: pyjudge refuses to "
                    "judge here "
                    "unless you pass --unsafe-no-sandbox (only for code you trust).\n");
  return minimum ? k_exit_accepted : k_exit_rejected;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"pyjudge — a sandboxed judge for Python code challenges", "pyjudge"};
  app.set_version_flag("--version", std::string("pyjudge ") + PYJUDGE_VERSION);
  app.require_subcommand(1);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "Log what the judge does (-vv for more)");
  app.footer(
      "Exit status: 0 all tests accepted, 1 some test not accepted, 2 usage or spec error, "
      "3 internal error. doctor: 0 when the minimum sandbox holds, 1 when not.");

  SubmitArgs submit_args;
  CLI::App* cmd = app.add_subcommand(
      "submit", "Judge FILE against every test of CHALLENGE (samples and hidden tests)");
  cmd->add_option("CHALLENGE", submit_args.challenge,
                  "A bundled challenge id (e.g. two-sum) or a path to a challenge folder")
      ->required();
  cmd->add_option("FILE", submit_args.files,
                  "Your solution, a .py file; with several, one line (or JSON object) each")
      ->required();
  cmd->add_option("-j,--jobs", submit_args.jobs,
                  "How many files to judge at once (default: one per core)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--json", submit_args.json, "Print one JSON object instead of the table");
  cmd->add_option("--color", submit_args.color, "Colour the table: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("--no-performance", submit_args.no_performance,
                "Skip timing against the reference (the challenge's `performance` section)");
  cmd->add_flag("--unsafe-no-sandbox", submit_args.unsafe,
                "Judge even where seccomp is unavailable (only for code you trust)");
  cmd->add_option("--harness", submit_args.harness,
                  "Path to pyjudge-harness (default: next to this binary, or $PYJUDGE_HARNESS)");

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
