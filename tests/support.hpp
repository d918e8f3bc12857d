// Shared helpers for the tests: fixture paths and a temporary folder per test.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "judge/cli.hpp"
#include "judge/judge.hpp"
#include "judge/spec.hpp"

namespace pyjudge::testing {

inline std::filesystem::path test_dir() {
  return PYJUDGE_TEST_DIR;
}
inline std::filesystem::path source_dir() {
  return test_dir().parent_path();
}
inline std::filesystem::path fixtures() {
  return test_dir() / "fixtures";
}
inline std::filesystem::path harness_exe() {
  return PYJUDGE_HARNESS_PATH;
}

class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pyjudge-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// A file's whole content ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Judges a source text against a loaded challenge with the built harness.
inline judge::Report judge_source(const judge::Challenge& c, const std::string& source,
                                  const std::string& filename = "solution.py") {
  judge::JudgeOptions options;
  options.harness_exe = harness_exe();
  return judge::judge(c, judge::Submission{filename, source}, options);
}

// Whether the run entered a sandbox layer ("cgroups", "seccomp", …).
inline bool layer_active(const judge::Report& r, const std::string& layer) {
  return std::any_of(r.sandbox.begin(), r.sandbox.end(),
                     [&](const harness::Layer& l) { return l.name == layer && l.active; });
}

// A test that needs a layer this host lacks is skipped with the reason, never on CI
// (whose machines offer every layer): true when the caller should stop.
inline bool skip_without_layer(const judge::Report& r, const std::string& layer,
                               const std::string& what) {
  if (layer_active(r, layer)) {
    return false;
  }
  MESSAGE("skipped " << what << ": the " << layer
                     << " layer is not active on this host (see pyjudge doctor)");
  CHECK_MESSAGE(std::getenv("CI") == nullptr, "CI machines must offer " << layer);
  return true;
}

// The message a user sees first: the job-level one, else the first failing test's.
inline std::string first_message(const judge::Report& r) {
  if (!r.message.empty()) {
    return r.message;
  }
  for (const auto& t : r.tests) {
    if (t.verdict != judge::Verdict::AC) {
      return t.message + " | " + t.detail;
    }
  }
  return "";
}

// `pyjudge ARGS…` run in this process, with what it printed.
struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

inline CliRun cli(std::vector<std::string> args) {
  args.insert(args.begin(), "pyjudge");
  std::vector<const char*> argv;
  for (const auto& a : args) {
    argv.push_back(a.c_str());
  }
  std::ostringstream out;
  std::ostringstream err;
  CliRun r;
  r.status = judge::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A shell command's standard output and exit status (pclose's).
struct ShellRun {
  int status = -1;
  std::string out;
};

inline ShellRun shell(const std::string& command) {
  ShellRun r;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
    r.out.append(buf, n);
  }
  r.status = pclose(p);
  return r;
}

// The element of a JSON array whose `key` is `value`; fails the test when there is none.
inline const nlohmann::json& element_where(const nlohmann::json& array, const char* key,
                                           const std::string& value) {
  for (const nlohmann::json& e : array) {
    if (e[key] == value) {
      return e;
    }
  }
  FAIL("no element with " << key << " = " << value);
  static const nlohmann::json none;
  return none;
}

inline std::string harness_flag() {
  return "--harness=" + harness_exe().string();
}

inline judge::Challenge load_or_die(const std::filesystem::path& dir) {
  auto c = judge::load_challenge(dir);
  if (!c) {
    throw std::runtime_error(c.error().message);
  }
  return std::move(c.value());
}

}  // namespace pyjudge::testing
