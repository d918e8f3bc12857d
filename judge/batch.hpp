// `pyjudge batch CHALLENGE SUBMISSIONS…`: an interviewer's folder of take-homes judged in
// one command.
//
//   collect   each argument is a candidate: a .py file, a folder (its entry file found by
//             name, or --entry) or a .zip read in memory (never extracted); what is unsafe
//             or unreadable — zip slip, links leaving the folder, huge or nested archives,
//             names that are not UTF-8 — is refused for that candidate, and the batch goes on
//   store     every candidate's result is written to SQLite the moment it is known, so a
//             crash or a kill loses nothing and --resume judges nothing twice
//   document  candidates ranked (score, then speed), and similar pairs (judge/similarity),
//             rendered as JSON and CSV
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "judge/expected.hpp"
#include "judge/judge.hpp"
#include "judge/perf.hpp"
#include "judge/spec.hpp"

struct sqlite3;

namespace pyjudge::judge {

struct CandidateFile {
  std::string name;    // the candidate: the file's stem, the folder's or the zip's name
  std::string origin;  // the argument as given
  std::string kind;    // "file", "folder" or "zip"
  std::string entry;   // the judged file's path inside a folder or zip
  std::optional<Submission> submission;
  std::string refused;  // why this candidate cannot be judged; empty when it can
};

// `entry`: the file to judge inside a folder or zip (empty: <id>.py with underscores,
// solution.py, main.py, or the only .py file).
CandidateFile collect_candidate(const std::filesystem::path& arg, const std::string& entry,
                                const std::string& challenge_id);

// Results by candidate, in SQLite. Rows are written one transaction each and never deleted.
class BatchStore {
 public:
  // Creates the file, or opens it for --resume (refusing one made for another challenge or
  // spec). Without resume, an existing store with results is an error that says what to do.
  static Expected<BatchStore> open(const std::filesystem::path& path, const std::string& challenge,
                                   const std::string& spec_sha256, bool resume);
  BatchStore(BatchStore&& o) noexcept;
  BatchStore& operator=(BatchStore&&) = delete;
  BatchStore(const BatchStore&) = delete;
  BatchStore& operator=(const BatchStore&) = delete;
  ~BatchStore();

  // The stored row of a candidate whose source is unchanged (same SHA-256). An incomplete
  // one was judged and accepted, but not yet timed.
  struct Stored {
    nlohmann::ordered_json row;
    bool complete = false;
  };
  [[nodiscard]] std::optional<Stored> find(const std::string& name,
                                           const std::string& sha256) const;
  [[nodiscard]] std::optional<std::string> put(const std::string& name, const std::string& sha256,
                                               const nlohmann::ordered_json& row, bool complete);
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  BatchStore(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// One candidate's row: verdict, score, tests (hidden ones with their inputs: the interviewer
// may see them), the source, output, and speed and growth when timed.
nlohmann::ordered_json candidate_row(const Challenge& c, const CandidateFile& f, const Report& r,
                                     const PerfReport* perf);
nlohmann::ordered_json refused_row(const CandidateFile& f);

// The batch's document: {challenge, candidates (ranked), similarity (highest first)}.
nlohmann::ordered_json batch_document(const Challenge& c, std::vector<nlohmann::ordered_json> rows,
                                      const std::string& template_source);

std::string batch_csv(const nlohmann::ordered_json& doc);
std::string similarity_csv(const nlohmann::ordered_json& doc);

}  // namespace pyjudge::judge
