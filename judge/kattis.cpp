#include "judge/kattis.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "judge/value.hpp"
#include "judge/yaml_file.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr size_t k_max_input_bytes = 8u << 20;  // as for `input` in challenge.yaml

struct KattisError {
  std::string message;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    throw KattisError{fmt::format("{}: cannot read the file", p.string())};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string where(const fs::path& file, const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  return m.is_null() || m.line < 0
             ? file.string()
             : fmt::format("{}:{}:{}", file.string(), m.line + 1, m.column + 1);
}

double number(const fs::path& file, const YAML::Node& node, std::string_view what) {
  std::string s = node.IsScalar() ? node.Scalar() : "";
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v) || v <= 0) {
    throw KattisError{
        fmt::format("{}: `{}` must be a positive number, got `{}`", where(file, node), what, s)};
  }
  return v;
}

// The ranges challenge.yaml allows; outside them an error, never a silent clamp.
uint32_t time_ms(double seconds, const std::string& where) {
  if (seconds < 0.01 || seconds > 60) {
    throw KattisError{
        fmt::format("{}: a time limit of {:g} s is outside what pyjudge judges with (0.01 to 60 s)",
                    where, seconds)};
  }
  return static_cast<uint32_t>(std::lround(seconds * 1000.0));
}

// yaml-cpp keeps the last of two equal keys; the author meant one of them.
void no_duplicate_keys(const fs::path& file, const YAML::Node& map) {
  std::set<std::string> keys;
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && !keys.insert(kv.first.Scalar()).second) {
      throw KattisError{fmt::format("{}: duplicate key `{}`: keep one of them",
                                    where(file, kv.first), kv.first.Scalar())};
    }
  }
}

// Kattis' default output validator flags, e.g. "float_tolerance 1e-6 case_sensitive".
void validator_flags(const fs::path& file, const YAML::Node& node, CompareSpec& cmp) {
  if (!node.IsScalar()) {
    throw KattisError{
        fmt::format("{}: `validator_flags` must be text such as "
                    "\"float_tolerance 1e-6 case_sensitive\"",
                    where(file, node))};
  }
  std::istringstream words(node.Scalar());
  std::string flag;
  auto tolerance = [&](const std::string& name) {
    std::string value;
    if (!(words >> value)) {
      throw KattisError{
          fmt::format("{}: validator flag `{}` needs a value", where(file, node), name)};
    }
    char* end = nullptr;
    double tol = std::strtod(value.c_str(), &end);
    if (*end != '\0' || !(tol >= 0) || !std::isfinite(tol)) {
      throw KattisError{fmt::format("{}: bad value `{}` for `{}`", where(file, node), value, name)};
    }
    cmp.output.has_tolerance = true;
    return tol;
  };
  bool abs_set = false;
  bool rel_set = false;
  while (words >> flag) {
    if (flag == "case_sensitive") {
      cmp.output.case_sensitive = true;
    } else if (flag == "space_change_sensitive") {
      cmp.output.space_sensitive = true;
    } else if (flag == "float_tolerance") {
      cmp.abs_tol = cmp.rel_tol = tolerance(flag);
    } else if (flag == "float_absolute_tolerance") {
      cmp.abs_tol = tolerance(flag);
      abs_set = true;
    } else if (flag == "float_relative_tolerance") {
      cmp.rel_tol = tolerance(flag);
      rel_set = true;
    } else {
      throw KattisError{fmt::format(
          "{}: unknown validator flag `{}` (known: case_sensitive, space_change_sensitive, "
          "float_tolerance, float_absolute_tolerance, float_relative_tolerance)",
          where(file, node), flag)};
    }
  }
  // Only one of the two given: the other does not loosen the check.
  if (abs_set && !rel_set) {
    cmp.rel_tol = 0;
  } else if (rel_set && !abs_set) {
    cmp.abs_tol = 0;
  }
}

std::vector<fs::path> files_with(const fs::path& dir, std::string_view ext, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return out;
  }
  auto take = [&](const fs::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == ext) {
      out.push_back(e.path());
    }
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
      take(e);
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      take(e);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void add_tests(Challenge& c, const fs::path& data, const std::string& part, bool sample) {
  for (const fs::path& in : files_with(data / part, ".in", !sample)) {
    fs::path ans = in;
    ans.replace_extension(".ans");
    std::error_code ec;
    if (!fs::is_regular_file(ans, ec)) {
      throw KattisError{
          fmt::format("{}: no answer file {} next to it", in.string(), ans.filename().string())};
    }
    TestCase t;
    t.name = part + "/" + fs::relative(in, data / part).replace_extension().string();
    t.sample = sample;
    t.points = sample ? 0 : 1;
    t.where = {in.string()};
    Call call;
    call.text = read(in);
    if (call.text.size() > k_max_input_bytes) {
      throw KattisError{fmt::format("{}: inputs over {} MiB are not supported", in.string(),
                                    k_max_input_bytes >> 20)};
    }
    call.expected = Value::str(read(ans));
    for (const fs::path& f : {in, ans}) {
      if (!is_utf8(f == in ? call.text : call.expected.as_text())) {
        throw KattisError{fmt::format(
            "{}: not UTF-8 text; pyjudge compares answers as text: save it as UTF-8", f.string())};
      }
    }
    t.calls.push_back(std::move(call));
    c.tests.push_back(std::move(t));
  }
}

std::string statement(const fs::path& dir, const std::string& title) {
  for (const char* name : {"problem_statement/problem.en.md", "statement/problem.en.md",
                           "problem_statement/problem.en.tex", "problem_statement/problem.tex",
                           "statement/problem.en.tex"}) {
    std::error_code ec;
    if (fs::is_regular_file(dir / name, ec)) {
      return read(dir / name);
    }
  }
  return title;
}

Challenge load(const fs::path& dir) {
  fs::path file = dir / "problem.yaml";
  YAML::Node root;
  std::string yaml = read(file);
  if (auto bad = first_non_utf8(file, yaml)) {
    throw KattisError{
        fmt::format("{}: not UTF-8 text here: save problem.yaml as UTF-8", bad->to_string())};
  }
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw KattisError{fmt::format("{}:{}:{}: YAML syntax error: {}", file.string(), e.mark.line + 1,
                                  e.mark.column + 1, e.msg)};
  }
  if (!root.IsMap() && !root.IsNull()) {
    throw KattisError{fmt::format("{}: problem.yaml must be a mapping", where(file, root))};
  }
  if (root.IsMap()) {
    no_duplicate_keys(file, root);
    if (root["limits"] && root["limits"].IsMap()) {
      no_duplicate_keys(file, root["limits"]);
    }
  }
  Challenge c;
  c.kattis = true;
  c.dir = dir;
  c.spec_file = file;
  c.id = dir.filename().string();
  c.kind = ChallengeKind::program;
  c.difficulty = "";  // packages do not say
  c.tags = {"kattis"};
  c.compare.mode = CompareMode::tokens;
  c.compare.output.case_sensitive = false;  // Kattis' default validator ignores case
  c.compare.output.space_sensitive = false;
  c.title = c.id;
  if (root.IsMap()) {
    if (YAML::Node name = root["name"]; name) {
      if (name.IsScalar()) {
        c.title = name.Scalar();
      } else if (name.IsMap() && name["en"] && name["en"].IsScalar()) {
        c.title = name["en"].Scalar();
      }
    }
    if (YAML::Node v = root["validation"]; v) {
      std::string mode = v.IsScalar() ? v.Scalar() : "";
      if (mode != "default") {
        throw KattisError{
            fmt::format("{}: validation `{}` is not supported: pyjudge judges "
                        "packages with Kattis' default output validator only",
                        where(file, v), mode)};
      }
    }
    if (YAML::Node flags = root["validator_flags"]; flags) {
      validator_flags(file, flags, c.compare);
    }
    if (YAML::Node limits = root["limits"]; limits && !limits.IsMap()) {
      throw KattisError{fmt::format("{}: `limits` must be a mapping such as {{time_limit: 2}}",
                                    where(file, limits))};
    }
    if (YAML::Node limits = root["limits"]; limits && limits.IsMap()) {
      if (limits["time_limit"]) {
        c.limits.time_ms = time_ms(number(file, limits["time_limit"], "limits.time_limit"),
                                   where(file, limits["time_limit"]));
      }
      if (limits["memory"]) {
        double mb = number(file, limits["memory"], "limits.memory");
        if (mb < 32 || mb > 8192) {
          throw KattisError{fmt::format(
              "{}: a memory limit of {:g} MB is outside what pyjudge judges with (32 to 8192 "
              "MB)",
              where(file, limits["memory"]), mb)};
        }
        c.limits.memory_mb = static_cast<uint32_t>(std::lround(mb));
      }
    }
  }
  std::error_code ec;
  if (fs::is_regular_file(dir / ".timelimit", ec)) {
    std::string text = read(dir / ".timelimit");
    char* end = nullptr;
    double seconds = std::strtod(text.c_str(), &end);
    while (end != nullptr && (*end == '\n' || *end == ' ' || *end == '\r')) {
      ++end;
    }
    if (text.empty() || *end != '\0' || !(seconds > 0)) {
      throw KattisError{fmt::format("{}: must hold the time limit in seconds, e.g. 1.5",
                                    (dir / ".timelimit").string())};
    }
    c.limits.time_ms = time_ms(seconds, (dir / ".timelimit").string());
  }
  c.statement = statement(dir, c.title);
  add_tests(c, dir / "data", "sample", true);
  add_tests(c, dir / "data", "secret", false);
  if (c.tests.empty()) {
    throw KattisError{
        fmt::format("{}: no tests: put NAME.in and NAME.ans files under "
                    "data/sample and data/secret",
                    dir.string())};
  }
  std::vector<fs::path> accepted = files_with(dir / "submissions" / "accepted", ".py", false);
  if (accepted.empty()) {
    throw KattisError{
        fmt::format("{}: no Python solution under submissions/accepted to use as "
                    "the reference",
                    dir.string())};
  }
  c.reference = fs::absolute(accepted.front());
  // The other accepted solutions must pass too: `wrong` holds them with AC.
  const std::pair<const char*, Verdict> folders[] = {{"accepted", Verdict::AC},
                                                     {"wrong_answer", Verdict::WA},
                                                     {"time_limit_exceeded", Verdict::TLE},
                                                     {"run_time_error", Verdict::RE}};
  for (const auto& [folder, verdict] : folders) {
    for (const fs::path& p : files_with(dir / "submissions" / folder, ".py", false)) {
      if (fs::absolute(p) == c.reference) {
        continue;
      }
      c.wrong.push_back({fs::absolute(p), verdict, {p.string()}});
    }
  }
  samples_first(c.tests);
  return c;
}

}  // namespace

Expected<Challenge> load_kattis(const fs::path& dir) {
  try {
    return load(dir);
  } catch (const KattisError& e) {
    return Error{e.message};
  } catch (const YAML::Exception& e) {
    return Error{fmt::format("{}/problem.yaml:{}:{}: {}", dir.string(), e.mark.line + 1,
                             e.mark.column + 1, e.msg)};
  } catch (const fs::filesystem_error& e) {
    return Error{e.what()};
  }
}

}  // namespace pyjudge::judge
