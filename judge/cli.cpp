#include "judge/cli.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>

#include "judge/judge.hpp"
#include "judge/report.hpp"
#include "judge/spec.hpp"
#include "sandbox/probe.hpp"

namespace bp = boost::process;

namespace pyjudge::judge {

namespace {

struct SubmitArgs {
  std::string challenge;
  std::string file;
  bool json = false;
  std::string color = "auto";
  std::string harness;
  bool unsafe = false;
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
  Expected<Submission> submission = read_submission(a.file);
  if (!submission) {
    err << "pyjudge: " << submission.error().message << "\n";
    return k_exit_usage;
  }
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
  if (a.unsafe) {
    err << "pyjudge: warning: --unsafe-no-sandbox: the solution runs with rlimits only, able to "
           "start processes, open sockets and read your files\n";
  }
  Report report = judge(*challenge, *submission, options);
  if (a.json) {
    out << report_json(*challenge, report)
               .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << "\n";
  } else {
    print_report(out, *challenge, report, TtyStyle::detect(STDOUT_FILENO, a.color));
  }
  if (report.verdict == Verdict::IE) {
    return k_exit_internal;
  }
  return report.verdict == Verdict::AC ? k_exit_accepted : k_exit_rejected;
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
  cmd->add_option("FILE", submit_args.file, "Your solution, a .py file")->required();
  cmd->add_flag("--json", submit_args.json, "Print one JSON object instead of the table");
  cmd->add_option("--color", submit_args.color, "Colour the table: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
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
  } catch (const std::exception& e) {
    err << "pyjudge: internal error: " << e.what() << "\n";
    return k_exit_internal;
  }
  return k_exit_usage;
}

}  // namespace pyjudge::judge
