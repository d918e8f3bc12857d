// The practice history: every `submit` and `test` of a user, in a local SQLite database
// ($XDG_DATA_HOME/pyjudge/history.sqlite3, else ~/.local/share/pyjudge/history.sqlite3).
//
// The history serves `list` (solved / attempted / new) and `progress`. It is never the
// judge's business: a database that cannot be opened, is locked or corrupt gives a clear
// error and the verdict stands. Nothing here deletes or rewrites a database it cannot read;
// rows are only ever added, one transaction each.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "judge/expected.hpp"

namespace pyjudge::judge {

struct HistoryEntry {
  std::string at;         // UTC, ISO 8601 ("2026-12-01T21:36:19Z")
  std::string challenge;  // the challenge's id
  std::string file;       // the solution's absolute path
  std::string source_sha256;
  std::string mode;  // "submit" (every test) or "test" (samples only)
  std::string verdict;
  int64_t passed = 0;
  int64_t total = 0;
  double score = 0;                   // 0–100 (submit)
  std::optional<double> speed_ratio;  // candidate/reference, when timed
  std::string growth;                 // "like-reference", "worse", "inconclusive" or empty
};

// Per challenge, what `list` and `progress` show.
struct ChallengeProgress {
  int64_t attempts = 0;  // submits and tests
  bool solved = false;   // a submit with every test accepted
  std::optional<double> best_speed_ratio;
  std::string last_at;
};

class History {
 public:
  // $XDG_DATA_HOME/pyjudge/history.sqlite3, else ~/.local/share/pyjudge/history.sqlite3.
  static std::filesystem::path default_path();

  // Opens (creating the file and its folder when missing) and checks the schema. Errors say
  // which file, what is wrong, and what to do; an unreadable file is left as it is.
  static Expected<History> open(const std::filesystem::path& path);

  History(History&& other) noexcept;
  History& operator=(History&& other) noexcept;
  History(const History&) = delete;
  History& operator=(const History&) = delete;
  ~History();

  // Rows, in one transaction: all of them or none. An error (locked, full disk) leaves
  // earlier rows intact.
  [[nodiscard]] std::optional<std::string> record(const std::vector<HistoryEntry>& entries);
  // Challenge id → progress, over every row.
  [[nodiscard]] Expected<std::map<std::string, ChallengeProgress>> progress() const;
  [[nodiscard]] Expected<int64_t> count() const;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  History(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// The current time as History stores it.
std::string history_timestamp();

}  // namespace pyjudge::judge
