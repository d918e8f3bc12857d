#include "judge/history.hpp"

#include <fmt/format.h>
#include <cstdlib>
#include <ctime>
#include <system_error>

#include "judge/value.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr int k_schema_version = 1;
constexpr int k_busy_timeout_ms = 5000;

constexpr const char* k_schema = R"sql(
CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY,
  at            TEXT    NOT NULL,
  challenge     TEXT    NOT NULL,
  file          TEXT    NOT NULL,
  source_sha256 TEXT    NOT NULL,
  mode          TEXT    NOT NULL CHECK (mode IN ('submit', 'test')),
  verdict       TEXT    NOT NULL,
  passed        INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  score         REAL    NOT NULL,
  speed_ratio   REAL,
  growth        TEXT
);
CREATE INDEX submissions_by_challenge ON submissions (challenge);
)sql";

// What went wrong with the database, and what to do about it, by SQLite's result code.
std::string explain(const fs::path& path, sqlite3* db, int rc) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return fmt::format(
          "the history database {} is locked by another program (another pyjudge?) and stayed "
          "locked for {} s ({}); try again when it has finished",
          path.string(), k_busy_timeout_ms / 1000, detail);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return fmt::format(
          "the history database {} is damaged ({}); pyjudge leaves it untouched. Move it aside "
          "(mv {} {}.bak) and pyjudge starts a new history; `sqlite3 {} .recover` may save "
          "its rows",
          path.string(), detail, shell_word(path.string()), shell_word(path.string()),
          shell_word(path.string() + ".bak"));
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return fmt::format(
          "cannot write the history database {} ({}); check the permissions of it and its "
          "folder, or set XDG_DATA_HOME to a writable folder",
          path.string(), detail);
    case SQLITE_FULL:
      return fmt::format("cannot write the history database {}: the disk is full ({})",
                         path.string(), detail);
    default:
      return fmt::format("the history database {}: {}", path.string(), detail);
  }
}

// One prepared statement, finalized on every path.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  [[nodiscard]] int prepared() const { return rc_; }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

int exec(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

// Reads PRAGMA user_version and whether the file holds tables that are not ours.
int read_schema(sqlite3* db, int& version, bool& ours, bool& empty) {
  Statement v(db, "PRAGMA user_version");
  if (v.prepared() != SQLITE_OK) {
    return v.prepared();
  }
  int rc = sqlite3_step(v.get());
  if (rc != SQLITE_ROW) {
    return rc;
  }
  version = sqlite3_column_int(v.get(), 0);
  Statement t(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  if (t.prepared() != SQLITE_OK) {
    return t.prepared();
  }
  empty = true;
  ours = false;
  while ((rc = sqlite3_step(t.get())) == SQLITE_ROW) {
    empty = false;
    const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(t.get(), 0));
    ours = ours || std::string_view(name != nullptr ? name : "") == "submissions";
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

}  // namespace

std::string history_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

fs::path History::default_path() {
  const char* data = std::getenv("XDG_DATA_HOME");
  fs::path base;
  if (data != nullptr && *data == '/') {  // relative values are to be ignored (XDG spec)
    base = data;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home != nullptr && *home != '\0' ? home : "/tmp") / ".local" / "share";
  }
  return base / "pyjudge" / "history.sqlite3";
}

Expected<History> History::open(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    return Error{fmt::format(
        "cannot create the folder {} for the history database ({}); set XDG_DATA_HOME to a "
        "writable folder",
        path.parent_path().string(), ec.message())};
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  History h(db, path);  // closes db on every return below
  if (rc != SQLITE_OK) {
    return Error{explain(path, db, rc)};
  }
  sqlite3_busy_timeout(db, k_busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // The schema is checked, and made when the file is new, under a write lock: two pyjudges
  // starting at once do not both create it.
  if (rc = exec(db, "BEGIN IMMEDIATE"); rc != SQLITE_OK) {
    return Error{explain(path, db, rc)};
  }
  int version = 0;
  bool ours = false;
  bool empty = true;
  rc = read_schema(db, version, ours, empty);
  if (rc == SQLITE_OK && empty && version == 0) {
    rc = exec(db, k_schema);
    if (rc == SQLITE_OK) {
      rc = exec(db, fmt::format("PRAGMA user_version = {}", k_schema_version).c_str());
    }
    version = k_schema_version;
    ours = true;
  }
  if (rc != SQLITE_OK) {
    std::string why = explain(path, db, rc);
    exec(db, "ROLLBACK");
    return Error{why};
  }
  if (!ours || version == 0) {
    exec(db, "ROLLBACK");
    return Error{fmt::format(
        "{} is an SQLite database but not a pyjudge history (it has no `submissions` table); "
        "pyjudge leaves it untouched. Move it aside, or set XDG_DATA_HOME to another folder",
        path.string())};
  }
  if (version > k_schema_version) {
    exec(db, "ROLLBACK");
    return Error{fmt::format(
        "the history database {} was written by a newer pyjudge (schema {}, this one knows {}); "
        "pyjudge leaves it untouched: upgrade pyjudge",
        path.string(), version, k_schema_version)};
  }
  if (rc = exec(db, "COMMIT"); rc != SQLITE_OK) {
    std::string why = explain(path, db, rc);
    exec(db, "ROLLBACK");
    return Error{why};
  }
  return h;
}

History::History(History&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

History& History::operator=(History&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

History::~History() {
  sqlite3_close(db_);
}

std::optional<std::string> History::record(const std::vector<HistoryEntry>& entries) {
  if (entries.empty()) {
    return std::nullopt;
  }
  if (int rc = exec(db_, "BEGIN IMMEDIATE"); rc != SQLITE_OK) {
    return explain(path_, db_, rc);
  }
  auto fail = [&](int rc) {
    std::string why = explain(path_, db_, rc);
    exec(db_, "ROLLBACK");
    return why;
  };
  Statement s(
      db_,
      "INSERT INTO submissions (at, challenge, file, source_sha256, mode, verdict, "
      "passed, total, score, speed_ratio, growth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (s.prepared() != SQLITE_OK) {
    return fail(s.prepared());
  }
  sqlite3_stmt* st = s.get();
  for (const HistoryEntry& e : entries) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, e.at.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e.challenge.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, e.file.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, e.source_sha256.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, e.mode.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, e.verdict.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, e.passed);
    sqlite3_bind_int64(st, 8, e.total);
    sqlite3_bind_double(st, 9, e.score);
    if (e.speed_ratio) {
      sqlite3_bind_double(st, 10, *e.speed_ratio);
    } else {
      sqlite3_bind_null(st, 10);
    }
    if (e.growth.empty()) {
      sqlite3_bind_null(st, 11);
    } else {
      sqlite3_bind_text(st, 11, e.growth.c_str(), -1, SQLITE_TRANSIENT);
    }
    if (int rc = sqlite3_step(st); rc != SQLITE_DONE) {
      return fail(rc);
    }
  }
  if (int rc = exec(db_, "COMMIT"); rc != SQLITE_OK) {
    return fail(rc);
  }
  return std::nullopt;
}

Expected<std::map<std::string, ChallengeProgress>> History::progress() const {
  Statement s(db_,
              "SELECT challenge, COUNT(*), "
              "MAX(mode = 'submit' AND verdict = 'AC'), "
              "MIN(CASE WHEN mode = 'submit' AND verdict = 'AC' THEN speed_ratio END), "
              "MAX(at) FROM submissions GROUP BY challenge");
  if (s.prepared() != SQLITE_OK) {
    return Error{explain(path_, db_, s.prepared())};
  }
  std::map<std::string, ChallengeProgress> out;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    auto text = [&](int col) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), col));
      return std::string(t != nullptr ? t : "");
    };
    ChallengeProgress p;
    p.attempts = sqlite3_column_int64(s.get(), 1);
    p.solved = sqlite3_column_int(s.get(), 2) != 0;
    if (sqlite3_column_type(s.get(), 3) != SQLITE_NULL) {
      p.best_speed_ratio = sqlite3_column_double(s.get(), 3);
    }
    p.last_at = text(4);
    out[text(0)] = p;
  }
  if (rc != SQLITE_DONE) {
    return Error{explain(path_, db_, rc)};
  }
  return out;
}

Expected<int64_t> History::count() const {
  Statement s(db_, "SELECT COUNT(*) FROM submissions");
  if (s.prepared() != SQLITE_OK) {
    return Error{explain(path_, db_, s.prepared())};
  }
  int rc = sqlite3_step(s.get());
  if (rc != SQLITE_ROW) {
    return Error{explain(path_, db_, rc)};
  }
  return sqlite3_column_int64(s.get(), 0);
}

}  // namespace pyjudge::judge
