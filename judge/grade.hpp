// `pyjudge grade [DIR]`: CI grading of a practice repository, and `pyjudge merge` of the
// shards of a CI matrix.
//
//   plan     pyjudge.yaml in DIR (which challenges, which file solves each, extra challenge
//            folders, points, thresholds), or files mapped by name (two_sum.py → two-sum)
//   shard    a deterministic slice of the plan (--shard I/N)
//   judge    every solution over the worker pool, then (with a timing policy) timed
//   document one JSON document (format "pyjudge-grade/1") that every output is rendered
//            from — the terminal summary, JUnit XML, GitHub annotations and step summary —
//            so that `merge` of shard documents renders exactly what one run would have
//
// Hidden tests keep their data: the document holds, for them, a name, a verdict, a time
// and a message made for hidden tests (report_json), and the outputs take nothing else.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "judge/expected.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

// What a slow solution can do to a build: nothing (off, the default; no timing runs),
// nothing but show its figures (report), or fail it by the spec's own `max_ratio`
// (enforce). Noise alone never fails a build: a tie band and the spec's limit decide.
enum class TimingPolicy { off, report, enforce };
std::string_view to_string(TimingPolicy p);
std::optional<TimingPolicy> timing_policy_from_string(std::string_view s);

struct GradeItem {
  std::string id;                     // the challenge's id
  std::filesystem::path challenge;    // its folder
  std::filesystem::path file;         // the solution, absolute
  std::string shown;                  // the solution as outputs name it (relative to DIR)
  double points = 10;                 // what the challenge is worth; earned × score / 100
  std::shared_ptr<Challenge> loaded;  // the challenge, loaded while planning
};

struct GradePlan {
  std::filesystem::path root;      // DIR, absolute
  std::filesystem::path manifest;  // DIR/pyjudge.yaml, or empty: mapped by file name
  std::vector<GradeItem> items;    // in id order
  std::optional<double> min_score;
  bool require_all = false;
  TimingPolicy timing = TimingPolicy::off;
};

// Reads DIR/pyjudge.yaml, or maps DIR's .py files by name. Errors (a malformed manifest, a
// missing file, an unknown challenge, two files for one challenge) name file:line:col
// and what to do.
Expected<GradePlan> plan_grade(const std::filesystem::path& dir);

// "2/4" → {2, 4}; the items whose position in id order is ≡ I-1 mod N.
Expected<std::pair<int, int>> parse_shard(const std::string& text);
std::vector<GradeItem> shard_items(const std::vector<GradeItem>& items, int index, int count);

struct GradeOptions {
  std::filesystem::path harness_exe;
  bool unsafe = false;
  std::optional<std::pair<int, int>> shard;
};

// Judges the plan's items (already sharded by the caller) and returns the document.
nlohmann::ordered_json grade(const GradePlan& plan, const std::vector<GradeItem>& items,
                             const GradeOptions& options);

// Shard documents of one plan → one document; errors for documents of different plans,
// overlapping or repeated shards. A missing shard is reported in the document
// ("missing_shards") and fails the thresholds.
Expected<nlohmann::ordered_json> merge_documents(const std::vector<nlohmann::ordered_json>& docs);

// The verdict of the whole document under its thresholds (CLI flags may override them):
// 0 passed, 1 not, 3 an internal error in some item.
struct Outcome {
  int status = 0;
  std::string why;  // one line
};
Outcome evaluate(nlohmann::ordered_json& doc, std::optional<double> min_score,
                 std::optional<bool> require_all);

void print_grade_summary(std::ostream& out, const nlohmann::ordered_json& doc, bool color);
std::string junit_xml(const nlohmann::ordered_json& doc);
// Workflow commands for GitHub Actions: at most 10 annotations (RE, CE and WA on the
// solution's file and line), every value escaped; then the summary between
// ::stop-commands:: markers, so no text that came from a candidate is read as a command.
void print_github(std::ostream& out, const nlohmann::ordered_json& doc,
                  const std::string& workspace);
// The Markdown for $GITHUB_STEP_SUMMARY, at most `cap` bytes.
std::string step_summary(const nlohmann::ordered_json& doc, size_t cap = 512 * 1024);

}  // namespace pyjudge::judge
