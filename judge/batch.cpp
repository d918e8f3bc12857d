#include "judge/batch.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sqlite3.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "judge/history.hpp"
#include "judge/report.hpp"
#include "judge/similarity.hpp"
#include "judge/value.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr size_t k_max_entries = 1000;                 // files in a folder or zip
constexpr size_t k_max_file = 1 << 20;                 // one solution file (as read_submission)
constexpr uint64_t k_max_archive_total = 64ULL << 20;  // all of a zip, uncompressed
constexpr int k_max_depth = 8;

bool is_archive_name(const std::string& name) {
  std::string lower;
  for (char ch : name) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  for (const char* ext :
       {".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".whl", ".jar", ".egg"}) {
    if (lower.ends_with(ext)) {
      return true;
    }
  }
  return false;
}

std::string shown_name(const std::string& raw) {
  if (is_utf8(raw)) {
    return raw;
  }
  std::string out;
  for (unsigned char ch : raw) {
    out += ch < 0x80 ? std::string(1, static_cast<char>(ch)) : fmt::format("\\x{:02x}", ch);
  }
  return out;
}

// Which .py file of a folder or zip to judge.
std::optional<std::string> choose_entry(const std::vector<std::string>& files,
                                        const std::string& entry, const std::string& id,
                                        std::string& why) {
  auto base = [](const std::string& p) { return fs::path(p).filename().string(); };
  if (!entry.empty()) {
    for (const std::string& f : files) {
      if (f == entry || base(f) == entry) {
        return f;
      }
    }
    why = fmt::format("no file `{}` in it (--entry)", entry);
    return std::nullopt;
  }
  std::string snake = id;
  std::replace(snake.begin(), snake.end(), '-', '_');
  for (const std::string& want :
       {snake + ".py", id + ".py", std::string("solution.py"), std::string("main.py")}) {
    std::vector<std::string> hits;
    for (const std::string& f : files) {
      if (base(f) == want) {
        hits.push_back(f);
      }
    }
    if (hits.size() == 1) {
      return hits[0];
    }
    if (hits.size() > 1) {
      why = fmt::format("several files named {}: choose one with --entry", want);
      return std::nullopt;
    }
  }
  if (files.size() == 1) {
    return files[0];
  }
  if (files.empty()) {
    why = "no .py file in it";
    return std::nullopt;
  }
  std::string list;
  for (size_t i = 0; i < files.size() && i < 5; ++i) {
    list += (i ? ", " : "") + files[i];
  }
  why = fmt::format("several .py files ({}{}): name the one to judge with --entry", list,
                    files.size() > 5 ? ", …" : "");
  return std::nullopt;
}

void collect_folder(CandidateFile& f, const fs::path& dir, const std::string& entry,
                    const std::string& id) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(dir, ec);
  std::vector<std::string> py;
  size_t count = 0;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++count > k_max_entries) {
      f.refused = fmt::format("more than {} files in the folder", k_max_entries);
      return;
    }
    if (it.depth() > k_max_depth) {
      f.refused = fmt::format("folders nested deeper than {}", k_max_depth);
      return;
    }
    const fs::path& p = it->path();
    std::string rel = fs::relative(p, dir, ec).string();
    if (!is_utf8(p.filename().string())) {
      f.refused = fmt::format("a file name that is not UTF-8: {}", shown_name(rel));
      return;
    }
    if (it->is_symlink(ec)) {
      fs::path target = fs::weakly_canonical(p, ec);
      auto [end, _] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
      if (ec || end != root.end()) {
        f.refused = fmt::format("`{}` is a link that leaves the folder", rel);
        return;
      }
      it.disable_recursion_pending();
    }
    if (it->is_regular_file(ec) && p.extension() == ".py") {
      py.push_back(rel);
    }
  }
  if (ec) {
    f.refused = fmt::format("cannot read the folder: {}", ec.message());
    return;
  }
  std::sort(py.begin(), py.end());
  std::string why;
  auto chosen = choose_entry(py, entry, id, why);
  if (!chosen) {
    f.refused = why;
    return;
  }
  f.entry = *chosen;
  auto sub = read_submission(dir / *chosen);
  if (!sub) {
    f.refused = sub.error().message;
    return;
  }
  f.submission = std::move(sub).value();
}

// A zip is read in memory, never written out: its checks are about what it claims.
void collect_zip(CandidateFile& f, const fs::path& path, const std::string& entry,
                 const std::string& id) {
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    f.refused = fmt::format("not a readable zip: {}", archive_error_string(a.get()));
    return;
  }
  std::map<std::string, std::string> py;  // name → content
  std::set<std::string> seen;             // every entry's name, normalised
  size_t count = 0;
  uint64_t total = 0;
  archive_entry* e = nullptr;
  int rc = ARCHIVE_OK;
  while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    if (++count > k_max_entries) {
      f.refused = fmt::format("more than {} entries in the zip", k_max_entries);
      return;
    }
    const char* raw = archive_entry_pathname(e);
    std::string name = raw != nullptr ? raw : "";
    if (name.empty() || !is_utf8(name)) {
      f.refused = fmt::format("an entry name that is not UTF-8: {}", shown_name(name));
      return;
    }
    fs::path p(name);
    bool escapes = p.is_absolute() || name.find('\\') != std::string::npos;
    for (const auto& part : p) {
      escapes = escapes || part == "..";
    }
    if (escapes) {
      f.refused = fmt::format("entry `{}` points outside the archive (zip slip)", name);
      return;
    }
    // Two entries of one name: which one an unzip keeps depends on the tool, so neither is
    // judged in its place.
    std::string key = p.lexically_normal().string();
    if (!key.empty() && key.back() == '/') {
      key.pop_back();
    }
    if (!seen.insert(key).second) {
      f.refused = fmt::format("the zip holds `{}` twice: which one counts is unclear", name);
      return;
    }
    if (archive_entry_filetype(e) == AE_IFLNK || archive_entry_hardlink(e) != nullptr) {
      f.refused = fmt::format("entry `{}` is a link", name);
      return;
    }
    if (archive_entry_filetype(e) == AE_IFDIR) {
      continue;
    }
    if (is_archive_name(name)) {
      f.refused = fmt::format("entry `{}` is an archive inside the archive", name);
      return;
    }
    if (archive_entry_size_is_set(e) != 0) {
      total += static_cast<uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)));
    }
    if (total > k_max_archive_total) {
      f.refused = fmt::format("more than {} MiB once uncompressed", k_max_archive_total >> 20);
      return;
    }
    if (p.extension() != ".py") {
      archive_read_data_skip(a.get());
      continue;
    }
    // Read with a cap, whatever the entry claims its size is.
    std::string content;
    char buf[16 * 1024];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) {
      content.append(buf, static_cast<size_t>(n));
      if (content.size() > k_max_file) {
        f.refused = fmt::format("`{}` is larger than 1 MiB once uncompressed", name);
        return;
      }
    }
    if (n < 0) {
      f.refused = fmt::format("a damaged zip: {}", archive_error_string(a.get()));
      return;
    }
    total += content.size();
    py[name] = std::move(content);
  }
  if (rc != ARCHIVE_EOF) {
    f.refused = fmt::format("a damaged zip: {}", archive_error_string(a.get()));
    return;
  }
  std::vector<std::string> names;
  for (const auto& [n, _] : py) {
    names.push_back(n);
  }
  std::string why;
  auto chosen = choose_entry(names, entry, id, why);
  if (!chosen) {
    f.refused = why;
    return;
  }
  f.entry = *chosen;
  f.submission = Submission{fs::path(*chosen).filename().string(), py[*chosen]};
}

std::string sql_text(sqlite3_stmt* st, int col) {
  const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
  return t != nullptr ? t : "";
}

std::string csv_field(const std::string& raw) {
  // UTF-8 always (a folder's name may not be): what no character starts is U+FFFD; and no
  // character that would change how the cell reads (\u202e instead).
  std::string s = escape_unseen(is_utf8(raw) ? raw : utf8_repaired(raw));
  bool quote = s.find_first_of(",\"\n\r") != std::string::npos;
  // A cell a spreadsheet would run as a formula is kept as text.
  std::string v =
      !s.empty() && std::string_view("=+-@").find(s[0]) != std::string_view::npos ? "'" + s : s;
  if (!quote) {
    return v;
  }
  std::string out = "\"";
  for (char ch : v) {
    out += ch == '"' ? "\"\"" : std::string(1, ch);
  }
  return out + "\"";
}

}  // namespace

CandidateFile collect_candidate(const fs::path& arg, const std::string& entry,
                                const std::string& challenge_id) {
  CandidateFile f;
  f.origin = arg.string();
  std::error_code ec;
  fs::path p = arg.filename().empty() ? arg.parent_path() : arg;
  std::string raw_name = p.filename().string();
  if (fs::is_directory(p, ec)) {
    f.kind = "folder";
    f.name = raw_name;
  } else {
    f.kind = p.extension() == ".zip" ? "zip" : "file";
    f.name = p.stem().string();
  }
  if (!is_utf8(raw_name)) {
    f.name = shown_name(f.name);
    f.refused = "its name is not UTF-8: rename it";
    return f;
  }
  fs::file_status st = fs::symlink_status(p, ec);
  if (!fs::exists(st)) {
    f.refused = fmt::format("{}: no such file or folder", f.origin);
    return f;
  }
  if (fs::is_symlink(st)) {  // as inside a folder: a link could point anywhere the judge can read
    f.refused = fmt::format("{} is a link (to {}): give the file or folder itself", f.origin,
                            fs::read_symlink(p, ec).string());
    return f;
  }
  if (f.kind == "folder") {
    collect_folder(f, p, entry, challenge_id);
  } else if (f.kind == "zip") {
    collect_zip(f, p, entry, challenge_id);
  } else if (p.extension() != ".py") {
    f.refused = "not a .py file, a folder or a .zip";
  } else {
    auto sub = read_submission(p);
    if (!sub) {
      f.refused = sub.error().message;
    } else {
      f.submission = std::move(sub).value();
    }
  }
  return f;
}

Expected<BatchStore> BatchStore::open(const fs::path& path, const std::string& challenge,
                                      const std::string& spec_sha256, bool resume) {
  std::error_code ec;
  bool existed = fs::exists(path, ec);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  BatchStore s(db, path);
  auto fail = [&](const std::string& what) {
    return Error{fmt::format("the batch's result store {}: {} ({}); pyjudge leaves it as it is",
                             path.string(), what, db != nullptr ? sqlite3_errmsg(db) : "")};
  };
  if (rc != SQLITE_OK) {
    return fail("cannot open it");
  }
  sqlite3_busy_timeout(db, 5000);
  rc = sqlite3_exec(db,
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS results (name TEXT PRIMARY KEY, sha256 TEXT NOT "
                    "NULL, complete INTEGER NOT NULL, row TEXT NOT NULL, at TEXT NOT NULL);",
                    nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return fail("not a pyjudge batch store, or damaged");
  }
  std::map<std::string, std::string> meta;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &st, nullptr);
    while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
      meta[sql_text(st, 0)] = sql_text(st, 1);
    }
    sqlite3_finalize(st);
  }
  int64_t rows = 0;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM results", -1, &st, nullptr);
    if (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
      rows = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  if (!meta.empty() && (meta["challenge"] != challenge || meta["spec"] != spec_sha256)) {
    return Error{fmt::format(
        "the result store {} holds a batch of `{}`{}: give another --db, or move it aside",
        path.string(), meta["challenge"],
        meta["challenge"] == challenge ? " judged with another version of its spec" : "")};
  }
  if (existed && rows > 0 && !resume) {
    return Error{fmt::format(
        "the result store {} already holds {} result{}: --resume continues that batch (judging "
        "only what is missing or changed); to start over, move it aside",
        path.string(), rows, rows == 1 ? "" : "s")};
  }
  if (meta.empty()) {
    std::string sql = "INSERT INTO meta VALUES ('challenge', ?), ('spec', ?)";
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    sqlite3_bind_text(st, 1, challenge.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, spec_sha256.c_str(), -1, SQLITE_TRANSIENT);
    rc = st != nullptr ? sqlite3_step(st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      return fail("cannot write it");
    }
  }
  return s;
}

BatchStore::BatchStore(BatchStore&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)) {}

BatchStore::~BatchStore() {
  sqlite3_close(db_);
}

std::optional<BatchStore::Stored> BatchStore::find(const std::string& name,
                                                   const std::string& sha256) const {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT row, complete FROM results WHERE name = ? AND sha256 = ?", -1,
                     &st, nullptr);
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, sha256.c_str(), -1, SQLITE_TRANSIENT);
  std::optional<Stored> out;
  if (sqlite3_step(st) == SQLITE_ROW) {
    try {
      out = Stored{json::parse(sql_text(st, 0)), sqlite3_column_int(st, 1) == 1};
    } catch (const nlohmann::json::exception&) {
      out.reset();  // an unreadable row is judged again
    }
  }
  sqlite3_finalize(st);
  return out;
}

std::optional<std::string> BatchStore::put(const std::string& name, const std::string& sha256,
                                           const json& row, bool complete) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO results (name, sha256, complete, row, at) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET sha256 = excluded.sha256, complete = "
                     "excluded.complete, row = excluded.row, at = excluded.at",
                     -1, &st, nullptr);
  std::string text = row.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string at = history_timestamp();
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, sha256.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 3, complete ? 1 : 0);
  sqlite3_bind_text(st, 4, text.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 5, at.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    return fmt::format("cannot record {} in {}: {}", name, path_.string(), sqlite3_errmsg(db_));
  }
  return std::nullopt;
}

json candidate_row(const Challenge& c, const CandidateFile& f, const Report& r,
                   const PerfReport* perf) {
  json row;
  row["name"] = f.name;
  row["origin"] = f.origin;
  row["kind"] = f.kind;
  row["entry"] = f.entry;
  row["verdict"] = to_string(r.verdict);
  row["score"] = r.score;
  row["passed"] = r.passed();
  row["total"] = r.tests.size();
  row["peak_memory_kb"] = r.peak_memory_kb;
  if (!r.message.empty()) {
    row["message"] = r.message;
    row["line"] = r.line;
  } else {
    for (const TestReport& t : r.tests) {
      if (t.verdict != Verdict::AC) {  // the first failure, in full: the interviewer sees all
        row["message"] =
            fmt::format("test `{}`: {}", t.test->name, t.detail.empty() ? t.message : t.detail);
        break;
      }
    }
  }
  auto tests = json::array();
  std::string out;
  std::string err;
  for (const TestReport& t : r.tests) {
    json jt = {{"name", t.test->name},
               {"sample", t.test->sample},
               {"verdict", to_string(t.verdict)},
               {"time_ms", t.time_ms},
               {"message", t.detail.empty() ? t.message : t.detail},
               {"input", describe_input(c, *t.test, 2000)},
               {"expected", describe_expected(c, *t.test, 2000)}};
    if (t.got) {
      jt["got"] = *t.got;
    }
    if (t.line > 0) {
      jt["line"] = t.line;
    }
    tests.push_back(std::move(jt));
    if (out.size() < 8192) {
      out += t.out.head.substr(0, 8192 - out.size());
    }
    if (err.size() < 8192) {
      err += t.err.head.substr(0, 8192 - err.size());
    }
  }
  row["tests"] = std::move(tests);
  row["stdout"] = out;
  row["stderr"] = err;
  if (f.submission) {
    row["source"] = f.submission->source;
  }
  if (perf != nullptr) {
    json p;
    add_performance_json(p, *perf);
    row.update(p);
    if (perf->wrong_answer) {
      row["message"] = perf->message;
    }
  }
  return row;
}

json refused_row(const CandidateFile& f) {
  return {{"name", f.name},       {"origin", f.origin},    {"kind", f.kind}, {"entry", f.entry},
          {"verdict", "refused"}, {"score", 0.0},          {"passed", 0},    {"total", 0},
          {"message", f.refused}, {"tests", json::array()}};
}

json batch_document(const Challenge& c, std::vector<json> rows,
                    const std::string& template_source) {
  // Ranked: score, then speed against the reference (untimed last), then name; refused last.
  auto speed = [](const json& r) {
    return r.contains("speed") ? r["speed"]["ratio"].get<double>() : HUGE_VAL;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const json& a, const json& b) {
    bool ra = a["verdict"] == "refused";
    bool rb = b["verdict"] == "refused";
    if (ra != rb) {
      return rb;  // what could not be judged comes last
    }
    if (a["score"] != b["score"]) {
      return a["score"].get<double>() > b["score"].get<double>();
    }
    if (speed(a) != speed(b)) {
      return speed(a) < speed(b);
    }
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  std::vector<SimilarityInput> inputs;
  std::vector<size_t> of_input;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].contains("source")) {
      inputs.push_back({rows[i]["name"].get<std::string>(), rows[i]["source"].get<std::string>()});
      of_input.push_back(i);
    }
  }
  SimilarityOptions so;
  so.template_source = template_source;
  auto pairs = similar_pairs(inputs, so);
  auto sim = json::array();
  // Flagged: most of the smaller file shared, in a run long enough to be more than the one
  // line everybody writes (identical one-liners are how a short answer looks).
  constexpr double k_flag = 0.6;
  constexpr uint32_t k_flag_tokens = 30;
  for (const SimilarPair& p : pairs) {
    json fragments = json::array();
    for (const SharedFragment& f : p.fragments) {
      fragments.push_back({{"a_lines", {f.a_first, f.a_last}},
                           {"b_lines", {f.b_first, f.b_last}},
                           {"tokens", f.tokens}});
    }
    bool flagged = p.similarity >= k_flag && p.longest.tokens >= k_flag_tokens;
    sim.push_back({{"a", inputs[p.a].name},
                   {"b", inputs[p.b].name},
                   {"similarity", std::round(p.similarity * 1000) / 1000},
                   {"shared_fingerprints", p.shared},
                   {"longest_fragment", fragments.empty() ? json(nullptr) : fragments[0]},
                   {"fragments", fragments},
                   {"flagged", flagged}});
    if (flagged) {
      for (size_t side : {p.a, p.b}) {
        json& row = rows[of_input[side]];
        double best = row.value("similarity_max", 0.0);
        row["similarity_max"] = std::max(best, std::round(p.similarity * 1000) / 1000);
        row["similarity_flag"] = true;
      }
    }
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i]["rank"] = i + 1;
    if (!rows[i].contains("similarity_flag")) {
      rows[i]["similarity_flag"] = false;
    }
  }
  json doc;
  doc["challenge"] = c.id;
  doc["title"] = c.title;
  doc["candidates"] = std::move(rows);
  doc["similarity"] = std::move(sim);
  doc["similarity_note"] =
      "Similarity is the share of a file's code fingerprints (winnowed runs of 12 Python tokens, "
      "names and literals ignored) also found in the other file, beyond the starter code and "
      "what most candidates share. A high figure says two files have long runs of code in common "
      "— worth reading side by side; it is not proof of copying (common idioms, the same "
      "tutorial, or pair work give it too).";
  return doc;
}

std::string batch_csv(const json& doc) {
  std::string out =
      "rank,name,verdict,score,passed,total,speed_ratio,growth,peak_memory_kb,similarity_flag,"
      "similarity_max,origin,message\n";
  for (const json& r : doc["candidates"]) {
    std::string speed =
        r.contains("speed") ? fmt::format("{:.3f}", r["speed"]["ratio"].get<double>()) : "";
    std::string growth = r.contains("growth") ? r["growth"]["verdict"].get<std::string>() : "";
    out += fmt::format(
        "{},{},{},{:.1f},{},{},{},{},{},{},{},{},{}\n", r["rank"].get<size_t>(),
        csv_field(r["name"].get<std::string>()), r["verdict"].get<std::string>(),
        r["score"].get<double>(), r["passed"].get<int64_t>(), r["total"].get<int64_t>(), speed,
        growth,
        r.value("peak_memory_kb", uint64_t{0}) > 0  // empty when not measured (refused)
            ? std::to_string(r["peak_memory_kb"].get<uint64_t>())
            : std::string(),
        r["similarity_flag"].get<bool>() ? "yes" : "no",
        r.contains("similarity_max") ? fmt::format("{:.3f}", r["similarity_max"].get<double>())
                                     : "",
        csv_field(r["origin"].get<std::string>()), csv_field(r.value("message", std::string())));
  }
  return out;
}

std::string similarity_csv(const json& doc) {
  std::string out = "a,b,similarity,shared_fingerprints,a_lines,b_lines\n";
  for (const json& p : doc["similarity"]) {
    std::string a_lines;
    std::string b_lines;
    if (!p["longest_fragment"].is_null()) {
      const json& f = p["longest_fragment"];
      a_lines = fmt::format("{}-{}", f["a_lines"][0].get<int>(), f["a_lines"][1].get<int>());
      b_lines = fmt::format("{}-{}", f["b_lines"][0].get<int>(), f["b_lines"][1].get<int>());
    }
    out += fmt::format("{},{},{:.3f},{},{},{}\n", csv_field(p["a"].get<std::string>()),
                       csv_field(p["b"].get<std::string>()), p["similarity"].get<double>(),
                       p["shared_fingerprints"].get<uint32_t>(), a_lines, b_lines);
  }
  return out;
}

}  // namespace pyjudge::judge
