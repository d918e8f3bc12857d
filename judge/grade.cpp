#include "judge/grade.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/perf.hpp"
#include "judge/report.hpp"
#include "judge/yaml_file.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr const char* k_format = "pyjudge-grade/1";
constexpr double k_default_points = 10;

// Folders never searched for solutions.
bool skipped_folder(const fs::path& p) {
  std::string name = p.filename().string();
  return name.starts_with(".") || name == "__pycache__" || name == "node_modules" ||
         name == "venv" || name == "build";
}

// Every .py file under root, outside skipped folders and the challenge folders themselves.
std::vector<fs::path> python_files(const fs::path& root, const std::vector<fs::path>& exclude) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec)) {
      bool excluded = std::any_of(exclude.begin(), exclude.end(),
                                  [&](const fs::path& x) { return fs::equivalent(x, p, ec); });
      if (excluded || skipped_folder(p)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (p.extension() == ".py" && it->is_regular_file(ec)) {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// two_sum.py, two-sum.py, Two_Sum.py → two-sum
std::string id_of_file(const fs::path& p) {
  std::string stem = p.stem().string();
  std::string out;
  for (char ch : stem) {
    out += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

std::string rel(const fs::path& p, const fs::path& root) {
  std::error_code ec;
  fs::path r = fs::relative(p, root, ec);
  return ec || r.empty() ? p.string() : r.string();
}

class ManifestLoader : public YamlFile {
 public:
  ManifestLoader(fs::path file, fs::path root)
      : YamlFile(std::move(file)), root_(std::move(root)) {}

  GradePlan load() {
    GradePlan plan;
    plan.root = root_;
    plan.manifest = file_;
    YAML::Node doc = parse();
    if (doc.IsNull()) {
      fail(doc, "the manifest is empty: list `challenges`, or delete it to map files by name");
    }
    if (!doc.IsMap()) {
      fail(doc, "the manifest must be a mapping of keys (challenges, challenge_dirs, points, …)");
    }
    auto keys = check_keys(
        doc, {"challenges", "challenge_dirs", "points", "min_score", "require_all", "timing"},
        "pyjudge.yaml");
    if (keys.contains("challenge_dirs")) {
      for (const auto& node : doc["challenge_dirs"]) {
        fs::path d = (root_ / text(node, "challenge_dirs")).lexically_normal();
        std::error_code ec;
        if (!fs::is_directory(d, ec)) {
          fail(node, fmt::format("challenge folder `{}` not found (relative to {})", node.Scalar(),
                                 root_.string()));
        }
        dirs_.push_back(d);
      }
      if (!doc["challenge_dirs"].IsSequence()) {
        fail(doc["challenge_dirs"],
             "`challenge_dirs` must be a list of folders, e.g. [challenges]");
      }
    }
    double default_points =
        keys.contains("points") ? number(doc["points"], "points") : k_default_points;
    if (keys.contains("min_score")) {
      plan.min_score = number(doc["min_score"], "min_score");
    }
    if (keys.contains("require_all")) {
      plan.require_all = boolean(doc["require_all"], "require_all");
    }
    if (keys.contains("timing")) {
      auto t = timing_policy_from_string(text(doc["timing"], "timing"));
      if (!t) {
        fail(doc["timing"], "`timing` must be off, report or enforce");
      }
      plan.timing = *t;
    }
    if (!keys.contains("challenges")) {
      plan.items = by_convention(default_points);
      return plan;
    }
    const YAML::Node& list = doc["challenges"];
    if (!list.IsSequence()) {
      fail(list, "`challenges` must be a list, e.g. [two-sum, {id: lru-cache, file: src/lru.py}]");
    }
    if (list.size() == 0) {
      fail(list,
           "`challenges` is empty: list at least one, e.g. [two-sum], or leave the key out to "
           "grade every file named after a challenge (two_sum.py)");
    }
    std::set<std::string> seen;
    for (const auto& entry : list) {
      GradeItem item;
      item.points = default_points;
      // (A YAML::Node assigned to is the node it refers to, overwritten: each is made once.)
      std::set<std::string, std::less<>> ek;
      if (entry.IsMap()) {
        ek = check_keys(entry, {"id", "file", "points"}, "a challenge entry");
      }
      const YAML::Node id_node = entry.IsMap() ? required(entry, ek, "id") : YAML::Node(entry);
      std::optional<YAML::Node> file_node;
      if (ek.contains("file")) {
        file_node.emplace(entry["file"]);
      }
      if (ek.contains("points")) {
        item.points = number(entry["points"], "points");
      }
      item.id = text(id_node, "id");
      if (!seen.insert(item.id).second) {
        fail(id_node, fmt::format("`{}` is listed twice", item.id));
      }
      item.challenge = find(item.id, id_node);
      if (file_node) {
        fs::path f = (root_ / text(*file_node, "file")).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(f, ec)) {
          fail(*file_node, fmt::format("solution file `{}` not found (relative to {})",
                                       file_node->Scalar(), root_.string()));
        }
        item.file = f;
      } else {
        item.file = conventional_file(item.id, id_node);
      }
      item.shown = rel(item.file, root_);
      item.loaded = load(item.challenge, id_node);
      plan.items.push_back(std::move(item));
    }
    std::sort(plan.items.begin(), plan.items.end(),
              [](const GradeItem& a, const GradeItem& b) { return a.id < b.id; });
    return plan;
  }

  // No `challenges` list (or no manifest): every .py file named after a known challenge.
  std::vector<GradeItem> by_convention(double points) {
    std::map<std::string, std::vector<fs::path>> found;
    for (const fs::path& f : python_files(root_, dirs_)) {
      std::string id = id_of_file(f);
      if (known(id)) {
        found[id].push_back(f);
      }
    }
    if (found.empty()) {
      throw SpecError{{root_.string()},
                      "no solution found: name each file after its challenge (two_sum.py or "
                      "two-sum.py solves two-sum; `pyjudge list` shows the ids), or write a "
                      "pyjudge.yaml that lists them"};
    }
    std::vector<GradeItem> items;
    for (const auto& [id, files] : found) {
      if (files.size() > 1) {
        throw SpecError{{root_.string()},
                        fmt::format("two files solve `{}`: {} and {}; list the one to grade in "
                                    "pyjudge.yaml (challenges: [{{id: {}, file: …}}])",
                                    id, rel(files[0], root_), rel(files[1], root_), id)};
      }
      GradeItem item;
      item.id = id;
      item.challenge = find(id, YAML::Node());
      item.file = files[0];
      item.shown = rel(files[0], root_);
      item.points = points;
      item.loaded = load(item.challenge, YAML::Node());
      items.push_back(std::move(item));
    }
    return items;
  }

 private:
  double number(const YAML::Node& node, std::string_view what) {
    std::string s = text(node, what);
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0) {
      fail(node, fmt::format("`{}` must be a number ≥ 0, got `{}`", what, s));
    }
    return v;
  }

  std::optional<fs::path> lookup(const std::string& id) const {
    std::error_code ec;
    for (const fs::path& d : dirs_) {
      if (fs::is_regular_file(d / id / "challenge.yaml", ec)) {
        return d / id;
      }
    }
    fs::path bundled = default_challenges_root() / id;
    if (fs::is_regular_file(bundled / "challenge.yaml", ec)) {
      return bundled;
    }
    return std::nullopt;
  }

  bool known(const std::string& id) const { return lookup(id).has_value(); }

  fs::path find(const std::string& id, const YAML::Node& where) {
    if (auto dir = lookup(id)) {
      return *dir;
    }
    std::string searched;
    for (const fs::path& d : dirs_) {
      searched += d.string() + ", ";
    }
    std::string message = fmt::format(
        "unknown challenge `{}`: not in {}nor bundled (`pyjudge list` shows the bundled ones)", id,
        searched.empty() ? "challenge_dirs (none set) " : searched);
    if (where.IsDefined() && !where.IsNull()) {
      fail(where, message);
    }
    throw SpecError{{root_.string()}, message};
  }

  fs::path conventional_file(const std::string& id, const YAML::Node& where) {
    std::vector<fs::path> matches;
    for (const fs::path& f : python_files(root_, dirs_)) {
      if (id_of_file(f) == id) {
        matches.push_back(f);
      }
    }
    std::string snake = id;
    std::replace(snake.begin(), snake.end(), '-', '_');
    if (matches.empty()) {
      fail(where, fmt::format("no file solves `{}`: expected {}.py or {}.py under {}, or set "
                              "`file:` for it",
                              id, snake, id, root_.string()));
    }
    if (matches.size() > 1) {
      fail(where, fmt::format("two files could solve `{}` ({} and {}): set `file:` for it", id,
                              rel(matches[0], root_), rel(matches[1], root_)));
    }
    return matches[0];
  }

  std::shared_ptr<Challenge> load(const fs::path& dir, const YAML::Node& where) {
    Expected<Challenge> c = load_challenge(dir);
    if (!c) {
      std::string message = fmt::format("challenge `{}` does not load: {}", dir.filename().string(),
                                        c.error().message);
      if (where.IsDefined() && !where.IsNull()) {
        fail(where, message);
      }
      throw SpecError{{root_.string()}, message};
    }
    return std::make_shared<Challenge>(std::move(c).value());
  }

  fs::path root_;
  std::vector<fs::path> dirs_;
};

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// A failing test's message for people and annotations: the test's own (hidden tests carry
// only a safe one), else the job's.
std::string first_failure(const json& item) {
  if (item.contains("error")) {
    return str(item, "error");
  }
  const json& r = item["report"];
  if (r.contains("message")) {
    return str(r, "message");
  }
  for (const json& t : r["tests"]) {
    if (t["verdict"] != "AC") {
      return fmt::format("test `{}`: {}", str(t, "name"), str(t, "message"));
    }
  }
  if (item.contains("performance_failed")) {
    return str(item, "performance_failed");
  }
  return "";
}

// The verdict people see: SLOW for a correct solution over its challenge's max_ratio under
// --timing enforce (not accepted, every test AC); the JSON keeps the tests' verdict.
std::string shown_verdict(const json& item) {
  std::string verdict = str(item, "verdict");
  if (verdict == "AC" && !item["accepted"].get<bool>()) {
    return "SLOW";
  }
  return verdict;
}

int first_line(const json& item) {
  if (!item.contains("report")) {
    return 0;
  }
  const json& r = item["report"];
  if (r.contains("line")) {
    return r["line"].get<int>();
  }
  for (const json& t : r["tests"]) {
    if (t["verdict"] != "AC") {
      return t.contains("line") ? t["line"].get<int>() : 0;
    }
  }
  return 0;
}

// One line: no control characters, at most `max` bytes.
std::string flat(std::string_view raw, size_t max = 300) {
  std::string s = escape_unseen(raw);
  std::string out;
  for (unsigned char ch : s) {
    out += ch < 0x20 || ch == 0x7f ? ' ' : static_cast<char>(ch);
  }
  if (out.size() > max) {
    out = utf8_cut(out, max) + "…";
  }
  return out;
}

std::string percent_escape(std::string_view s, bool property) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// Markdown table cell: nothing in it can end the cell, start HTML or a code span.
std::string cell(std::string_view s) {
  std::string out;
  for (char ch : flat(s, 200)) {
    switch (ch) {
      case '|':
        out += "&#124;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '`':
        out += "&#96;";
        break;
      case '*':
      case '_':
      case '[':
      case ']':
      case '\\':
        out += '\\';
        out += ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string random_token() {
  unsigned char bytes[16] = {};
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    (void)!read(fd, bytes, sizeof bytes);
    close(fd);
  }
  std::string out = "pyjudge-";
  for (unsigned char b : bytes) {
    out += fmt::format("{:02x}", b);
  }
  return out;
}

std::string now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace

std::string_view to_string(TimingPolicy p) {
  switch (p) {
    case TimingPolicy::off:
      return "off";
    case TimingPolicy::report:
      return "report";
    case TimingPolicy::enforce:
      return "enforce";
  }
  return "?";
}

std::optional<TimingPolicy> timing_policy_from_string(std::string_view s) {
  for (TimingPolicy p : {TimingPolicy::off, TimingPolicy::report, TimingPolicy::enforce}) {
    if (to_string(p) == s) {
      return p;
    }
  }
  return std::nullopt;
}

Expected<GradePlan> plan_grade(const fs::path& dir) {
  std::error_code ec;
  fs::path root = fs::absolute(dir, ec).lexically_normal();
  if (root.filename().empty()) {  // "repo/" and "repo/." name repo
    root = root.parent_path();
  }
  if (!fs::is_directory(root, ec)) {
    return Error{
        fmt::format("{} is not a folder: give the folder of the solutions (default: the "
                    "current one)",
                    dir.string())};
  }
  fs::path manifest = root / "pyjudge.yaml";
  if (fs::exists(manifest, ec) && !fs::is_regular_file(manifest, ec)) {
    return Error{
        fmt::format("{} is not a file: the manifest must be a YAML file (or absent, "
                    "to grade files by their names)",
                    manifest.string())};
  }
  try {
    if (fs::is_regular_file(manifest, ec)) {
      return ManifestLoader(manifest, root).load();
    }
    GradePlan plan;
    plan.root = root;
    plan.items = ManifestLoader(manifest, root).by_convention(k_default_points);
    return plan;
  } catch (const SpecError& e) {
    return Error{fmt::format("{}: {}", e.where.to_string(), e.message)};
  }
}

Expected<std::pair<int, int>> parse_shard(const std::string& text) {
  int index = 0;
  int count = 0;
  char slash = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &index, &slash, &count, &extra) != 3 || slash != '/' ||
      count < 1 || index < 1 || index > count) {
    return Error{fmt::format("--shard must be I/N with 1 <= I <= N (e.g. 2/4), got `{}`", text)};
  }
  return std::pair{index, count};
}

std::vector<GradeItem> shard_items(const std::vector<GradeItem>& items, int index, int count) {
  std::vector<GradeItem> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (static_cast<int>(i % static_cast<size_t>(count)) == index - 1) {
      out.push_back(items[i]);
    }
  }
  return out;
}

json grade(const GradePlan& plan, const std::vector<GradeItem>& items,
           const GradeOptions& options) {
  JudgeOptions jo;
  jo.harness_exe = options.harness_exe;
  jo.unsafe = options.unsafe;
  struct Work {
    const GradeItem* item = nullptr;
    std::optional<Submission> submission;
    std::string error;
    bool internal = false;
    std::vector<EncodedTest> requests;
    std::optional<Report> report;
    std::optional<PerfReport> perf;
  };
  std::vector<Work> work(items.size());
  GenerateOptions go{options.harness_exe, default_cache_dir(), options.unsafe};
  for (size_t i = 0; i < items.size(); ++i) {
    Work& w = work[i];
    w.item = &items[i];
    Expected<Submission> s = read_submission(items[i].file);
    if (!s) {
      w.error = s.error().message;
      continue;
    }
    w.submission = std::move(s).value();
    Challenge& c = *items[i].loaded;
    if (c.generated) {
      if (auto e = materialize(c, go)) {
        w.error = "cannot make the challenge's generated tests: " + *e;
        w.internal = true;
        continue;
      }
    }
    w.requests = make_requests(c);
  }
  std::vector<JudgeJob> jobs;
  std::vector<size_t> of_job;
  for (size_t i = 0; i < work.size(); ++i) {
    if (work[i].submission) {
      jobs.push_back({work[i].item->loaded.get(), &*work[i].submission, &work[i].requests});
      of_job.push_back(i);
    }
  }
  std::vector<Report> reports = judge_jobs(jobs, jo);
  for (size_t j = 0; j < jobs.size(); ++j) {
    work[of_job[j]].report = std::move(reports[j]);
  }
  // Timing after judging, one solution at a time: timing runs never compete.
  if (plan.timing != TimingPolicy::off) {
    for (Work& w : work) {
      const Challenge& c = *w.item->loaded;
      if (w.report && w.report->verdict == Verdict::AC && c.performance) {
        w.perf = measure_performance(c, *w.submission, {options.harness_exe, options.unsafe});
      }
    }
  }

  json doc;
  doc["format"] = k_format;
  doc["root"] = plan.root.string();
  doc["manifest"] = plan.manifest.empty() ? json(nullptr) : json(rel(plan.manifest, plan.root));
  doc["timestamp"] = now_iso();
  doc["timing"] = to_string(plan.timing);
  doc["thresholds"] = {{"min_score", plan.min_score ? json(*plan.min_score) : json(nullptr)},
                       {"require_all", plan.require_all}};
  // Which plan the shards belong to: every item's id, file and points, in order.
  std::string plan_text;
  for (const GradeItem& g : plan.items) {
    plan_text += fmt::format("{}\n{}\n{}\n", g.id, g.shown, g.points);
  }
  doc["plan"] = {{"items", plan.items.size()}, {"sha256", sha256_hex(plan_text)}};
  if (options.shard) {
    doc["shards"] = {{{"index", options.shard->first}, {"count", options.shard->second}}};
    doc["shard_count"] = options.shard->second;
  } else {
    doc["shards"] = {{{"index", 1}, {"count", 1}}};
    doc["shard_count"] = 1;
  }
  auto list = json::array();
  for (const Work& w : work) {
    const GradeItem& g = *w.item;
    json item;
    item["id"] = g.id;
    item["title"] = g.loaded->title;
    item["file"] = g.shown;
    item["points"] = g.points;
    if (!w.error.empty()) {
      item["verdict"] = w.internal ? "IE" : "error";
      item["error"] = w.error;
      item["earned"] = 0.0;
      item["accepted"] = false;
      list.push_back(std::move(item));
      continue;
    }
    const Report& r = *w.report;
    json report = report_json(*g.loaded, r);
    report.erase("sandbox");
    bool accepted = r.verdict == Verdict::AC;
    bool too_slow = false;  // enforced: over the challenge's max_ratio fails, and earns nothing
    bool wrong = false;     // a timed call's answer was wrong: under any timing policy
    if (w.perf) {
      add_performance_json(report, *w.perf);
      if (w.perf->failed) {
        item["performance_failed"] = w.perf->message;
        wrong = w.perf->wrong_answer;
        too_slow = !wrong && plan.timing == TimingPolicy::enforce;
        accepted = accepted && !too_slow && !wrong;
      }
    }
    item["verdict"] = wrong ? "WA" : to_string(r.verdict);
    item["earned"] = too_slow || wrong ? 0.0 : std::round(g.points * r.score) / 100.0;
    item["accepted"] = accepted;
    item["report"] = std::move(report);
    list.push_back(std::move(item));
  }
  doc["items"] = std::move(list);
  return doc;
}

Expected<json> merge_documents(const std::vector<json>& docs) {
  if (docs.empty()) {
    return Error{"nothing to merge: give the JSON files of each shard"};
  }
  json out = docs[0];
  std::set<int> shards;
  auto items = json::array();
  std::set<std::string> ids;
  for (size_t d = 0; d < docs.size(); ++d) {
    const json& doc = docs[d];
    if (!doc.is_object() || doc.value("format", "") != k_format) {
      return Error{fmt::format("input {} is not a `pyjudge grade --json` document (format {})",
                               d + 1, k_format)};
    }
    if (doc["plan"] != docs[0]["plan"] || doc["shard_count"] != docs[0]["shard_count"]) {
      return Error{
          fmt::format("input {} is from another plan (other challenges, files, points "
                      "or shard count) than input 1: merge the shards of one run",
                      d + 1)};
    }
    for (const json& s : doc["shards"]) {
      if (!shards.insert(s["index"].get<int>()).second) {
        return Error{fmt::format("shard {}/{} is given twice", s["index"].get<int>(),
                                 doc["shard_count"].get<int>())};
      }
    }
    for (const json& item : doc["items"]) {
      if (!ids.insert(item["id"].get<std::string>()).second) {
        return Error{fmt::format("`{}` is graded in two inputs", item["id"].get<std::string>())};
      }
      items.push_back(item);
    }
  }
  std::sort(items.begin(), items.end(),
            [](const json& a, const json& b) { return a["id"] < b["id"]; });
  out["items"] = std::move(items);
  auto all = json::array();
  for (int s : shards) {
    all.push_back({{"index", s}, {"count", out["shard_count"]}});
  }
  out["shards"] = std::move(all);
  auto missing = json::array();
  for (int s = 1; s <= out["shard_count"].get<int>(); ++s) {
    if (!shards.contains(s)) {
      missing.push_back(s);
    }
  }
  out["missing_shards"] = std::move(missing);
  return out;
}

Outcome evaluate(json& doc, std::optional<double> min_score, std::optional<bool> require_all) {
  double earned = 0;
  double possible = 0;
  size_t accepted = 0;
  bool internal = false;
  for (const json& item : doc["items"]) {
    earned += item["earned"].get<double>();
    possible += item["points"].get<double>();
    accepted += item["accepted"].get<bool>() ? 1 : 0;
    internal = internal || item["verdict"] == "IE";
  }
  size_t total = doc["items"].size();
  std::optional<double> need = min_score;
  if (!need && doc["thresholds"]["min_score"].is_number()) {
    need = doc["thresholds"]["min_score"].get<double>();
  }
  bool all = require_all.value_or(doc["thresholds"]["require_all"].get<bool>());
  if (!need) {
    all = true;  // without a score threshold, every solution must be accepted
  }
  doc["score"] = {{"earned", std::round(earned * 100) / 100},
                  {"possible", possible},
                  {"accepted", accepted},
                  {"total", total}};
  Outcome o;
  std::vector<std::string> reasons;
  size_t missing = doc.contains("missing_shards") ? doc["missing_shards"].size() : 0;
  if (missing > 0) {
    reasons.push_back(fmt::format("{} shard{} missing", missing, missing == 1 ? "" : "s"));
  }
  // One shard of several (not yet merged) holds only part of the points: the minimum is
  // for `merge` to check; a shard fails only on what it can tell (a solution not accepted,
  // where every one must be).
  bool one_shard = doc["shard_count"].get<int>() > 1 && !doc.contains("missing_shards");
  if (need && !one_shard && earned + 1e-9 < *need) {
    reasons.push_back(fmt::format("{:g} points, below the minimum of {:g}", earned, *need));
  }
  if (all && accepted < total) {
    reasons.push_back(fmt::format("{} of {} solutions not accepted", total - accepted, total));
  }
  if (internal) {
    o.status = 3;
    o.why =
        "an internal error (IE): not the solutions' fault; its message says whose (the judge's, "
        "or a challenge's own checker or generator, for its author to mend)";
  } else if (!reasons.empty()) {
    o.status = 1;
    for (size_t i = 0; i < reasons.size(); ++i) {
      o.why += (i ? "; " : "") + reasons[i];
    }
  } else if (need && one_shard) {
    o.why = fmt::format(
        "{:g} points in this shard; the minimum of {:g} is checked when "
        "`pyjudge merge` joins the shards",
        earned, *need);
  } else {
    o.why =
        need ? fmt::format("{:g} points, at least {:g}", earned, *need) : "every solution accepted";
  }
  doc["passed"] = o.status == 0;
  doc["outcome"] = o.why;
  return o;
}

void print_grade_summary(std::ostream& out, const json& doc, bool color) {
  auto paint = [&](const std::string& s, const char* code) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
  };
  size_t id_w = 9;
  size_t file_w = 4;
  for (const json& item : doc["items"]) {
    id_w = std::max(id_w, str(item, "id").size());
    file_w = std::max(file_w, std::min<size_t>(str(item, "file").size(), 40));
  }
  out << paint(fmt::format("pyjudge grade {} · {} solution{}{}", str(doc, "root"),
                           doc["items"].size(), doc["items"].size() == 1 ? "" : "s",
                           doc["manifest"].is_string() ? " (" + str(doc, "manifest") + ")"
                                                       : " (mapped by file name)"),
               "1")
      << "\n\n";
  for (const json& item : doc["items"]) {
    std::string verdict = shown_verdict(item);
    const char* code = item["accepted"].get<bool>() ? "32" : "31";
    std::string tests = item.contains("report")
                            ? fmt::format("{}/{} tests", item["report"]["passed"].get<int>(),
                                          item["report"]["total"].get<int>())
                            : "";
    std::string note = item["accepted"].get<bool>() ? "" : flat(first_failure(item), 90);
    if (item.contains("report") && item["report"].contains("speed")) {
      const json& r = item["report"];
      note += fmt::format("{}speed {:.2f}×, growth {}", note.empty() ? "" : " · ",
                          r["speed"]["ratio"].get<double>(), str(r["growth"], "verdict"));
    }
    std::string line =
        fmt::format("  {} {:<{}}  {:<{}}  {:>11}  {:>6.1f}/{:<5g} {}",
                    paint(fmt::format("{:<5}", verdict), code), str(item, "id"), id_w,
                    flat(str(item, "file"), 40), file_w, tests, item["earned"].get<double>(),
                    item["points"].get<double>(), note);
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
  const json& s = doc["score"];
  out << "\n"
      << paint(fmt::format("Total {:g}/{:g} points · {} of {} accepted · {}: {}",
                           s["earned"].get<double>(), s["possible"].get<double>(),
                           s["accepted"].get<size_t>(), s["total"].get<size_t>(),
                           doc["passed"].get<bool>() ? "PASSED" : "FAILED", str(doc, "outcome")),
               "1")
      << "\n";
  if (doc.contains("missing_shards") && !doc["missing_shards"].empty()) {
    out << "Missing shards: " << doc["missing_shards"].dump() << "\n";
  }
}

std::string junit_xml(const json& doc) {
  std::string body;
  size_t all_tests = 0;
  size_t all_failures = 0;
  size_t all_errors = 0;
  size_t all_skipped = 0;
  double all_time = 0;
  for (const json& item : doc["items"]) {
    std::string id = str(item, "id");
    std::string cases;
    size_t tests = 0;
    size_t failures = 0;
    size_t errors = 0;
    size_t skipped = 0;
    double time = 0;
    auto add_case = [&](const std::string& name, double seconds, const std::string& inner) {
      cases += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.6f}\"",
                           escape_markup(name), escape_markup(id), seconds);
      cases += inner.empty() ? "/>\n" : ">\n" + inner + "    </testcase>\n";
      ++tests;
      time += seconds;
    };
    if (item.contains("error")) {
      // The file could not be read or its challenge not loaded: one case says why.
      add_case("load " + str(item, "file"), 0,
               fmt::format("      <error message=\"{}\" type=\"{}\"/>\n",
                           escape_markup(flat(first_failure(item), 1000)),
                           escape_markup(str(item, "verdict"))));
      ++errors;
    } else if (item["report"].contains("message")) {
      // Judged, but no test ran through (CE, an error while loading, IE): each test fails
      // with that reason, so the counts agree with the JSON and the summary.
      bool error = item["verdict"] == "IE";
      std::string message = flat(first_failure(item), 1000);
      for (const json& t : item["report"]["tests"]) {
        add_case(
            str(t, "name"), 0,
            fmt::format("      <{} message=\"{}\" type=\"{}\"/>\n", error ? "error" : "failure",
                        escape_markup(message), escape_markup(str(item, "verdict"))));
        (error ? errors : failures) += 1;
      }
    } else {
      for (const json& t : item["report"]["tests"]) {
        double seconds = t["time_ms"].get<double>() / 1000.0;
        std::string verdict = str(t, "verdict");
        std::string inner;
        if (t["skipped"].get<bool>()) {
          inner = fmt::format("      <skipped message=\"{}\"/>\n",
                              escape_markup(flat(str(t, "message"))));
          ++skipped;
        } else if (verdict != "AC") {
          // Samples show expected and got; hidden tests only their safe message.
          std::string text;
          if (t["sample"].get<bool>()) {
            text = fmt::format("input: {}\nexpected: {}\n", str(t, "input"), str(t, "expected"));
            if (t.contains("got")) {
              text += "got: " + str(t, "got") + "\n";
            }
            if (t.contains("detail")) {
              text += str(t, "detail") + "\n";
            }
          }
          const char* tag = verdict == "IE" ? "error" : "failure";
          inner = fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", tag,
                              escape_markup(flat(str(t, "message"), 1000)), escape_markup(verdict),
                              escape_markup(text), tag);
          (verdict == "IE" ? errors : failures) += 1;
        }
        add_case(str(t, "name"), seconds, inner);
      }
      if (item.contains("performance_failed")) {
        bool wrong = str(item, "verdict") == "WA";  // every test AC: the timed answers were not
        add_case(wrong ? "answers while timed" : "speed against the reference", 0,
                 fmt::format("      <failure message=\"{}\" type=\"{}\"/>\n",
                             escape_markup(flat(str(item, "performance_failed"), 1000)),
                             wrong ? "WA" : "slow"));
        ++failures;
      }
    }
    body += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
        "time=\"{:.6f}\" timestamp=\"{}\" file=\"{}\">\n",
        escape_markup(id), tests, failures, errors, skipped, time,
        escape_markup(str(doc, "timestamp")), escape_markup(str(item, "file")));
    body += fmt::format(
        "    <properties>\n      <property name=\"file\" value=\"{}\"/>\n      <property "
        "name=\"verdict\" value=\"{}\"/>\n      <property name=\"points\" value=\"{:g}/{:g}\"/>\n "
        "   </properties>\n",
        escape_markup(str(item, "file")), escape_markup(shown_verdict(item)),
        item["earned"].get<double>(), item["points"].get<double>());
    body += cases + "  </testsuite>\n";
    all_tests += tests;
    all_failures += failures;
    all_errors += errors;
    all_skipped += skipped;
    all_time += time;
  }
  return fmt::format(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pyjudge grade\" "
             "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.6f}\">\n",
             all_tests, all_failures, all_errors, all_skipped, all_time) +
         body + "</testsuites>\n";
}

void print_github(std::ostream& out, const json& doc, const std::string& workspace) {
  constexpr size_t k_max_annotations = 10;
  size_t shown = 0;
  size_t more = 0;
  fs::path root = str(doc, "root");
  for (const json& item : doc["items"]) {
    // Every solution not accepted (an internal error is the judge's, not the file's: the
    // summary says so, no annotation blames the file).
    std::string verdict = shown_verdict(item);
    if (item["accepted"].get<bool>() || verdict == "IE") {
      continue;
    }
    if (shown == k_max_annotations) {
      ++more;
      continue;
    }
    ++shown;
    // The path GitHub knows: relative to the workspace (the repository's root).
    fs::path file = root / str(item, "file");
    std::string path = workspace.empty() ? rel(file, fs::current_path()) : rel(file, workspace);
    int line = first_line(item);
    std::string props = "file=" + percent_escape(path, true);
    if (line > 0) {
      props += fmt::format(",line={}", line);
    }
    props +=
        ",title=" + percent_escape(fmt::format("pyjudge {}: {}", str(item, "id"), verdict), true);
    out << "::error " << props << "::" << percent_escape(flat(first_failure(item), 2000), false)
        << "\n";
  }
  if (more > 0) {
    out << "::notice title=pyjudge::" << more
        << " more failing solutions are not annotated (at most 10 per step): see the summary\n";
  }
  // Everything else may quote a candidate: no line of it is read as a workflow command.
  std::string token = random_token();
  out << "::stop-commands::" << token << "\n";
  print_grade_summary(out, doc, false);
  out << "::" << token << "::\n";
}

std::string step_summary(const json& doc, size_t cap) {
  const json& s = doc["score"];
  std::string head = fmt::format(
      "## pyjudge grade: {}\n\n**{:g}/{:g} points** · {} of {} solutions accepted · {}\n\n",
      doc["passed"].get<bool>() ? "passed" : "failed", s["earned"].get<double>(),
      s["possible"].get<double>(), s["accepted"].get<size_t>(), s["total"].get<size_t>(),
      cell(str(doc, "outcome")));
  head +=
      "| challenge | file | verdict | tests | points | first failure "
      "|\n|---|---|---|---|---|---|\n";
  std::string tail =
      "\nHidden tests show their name and verdict only. Timing policy: " + str(doc, "timing") +
      ".\n";
  std::string rows;
  size_t left_out = 0;
  for (const json& item : doc["items"]) {
    std::string tests = item.contains("report")
                            ? fmt::format("{}/{}", item["report"]["passed"].get<int>(),
                                          item["report"]["total"].get<int>())
                            : "-";
    std::string row = fmt::format("| {} | {} | {} | {} | {:g}/{:g} | {} |\n", cell(str(item, "id")),
                                  cell(str(item, "file")), cell(shown_verdict(item)), tests,
                                  item["earned"].get<double>(), item["points"].get<double>(),
                                  item["accepted"].get<bool>() ? "" : cell(first_failure(item)));
    if (head.size() + rows.size() + row.size() + tail.size() + 200 > cap) {
      ++left_out;
      continue;
    }
    rows += row;
  }
  if (left_out > 0) {
    tail = fmt::format("\n{} more rows left out to keep within the summary's size limit.\n",
                       left_out) +
           tail;
  }
  return head + rows + tail;
}

}  // namespace pyjudge::judge
