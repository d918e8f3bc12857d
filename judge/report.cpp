#include "judge/report.hpp"

#include <sys/ioctl.h>

#include <unistd.h>

#include <fmt/format.h>
#include <cmath>
#include <cstdlib>

namespace pyjudge::judge {

namespace {

constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_dim = "\x1b[2m";
constexpr const char* k_red = "\x1b[31m";
constexpr const char* k_green = "\x1b[32m";
constexpr const char* k_yellow = "\x1b[33m";

class Painter {
 public:
  explicit Painter(const TtyStyle& s) : on_(s.color) {}
  [[nodiscard]] std::string paint(std::string_view text, const char* code) const {
    return on_ ? fmt::format("{}{}{}", code, text, k_reset) : std::string(text);
  }
  [[nodiscard]] std::string verdict(Verdict v) const {
    const char* code = v == Verdict::AC                           ? k_green
                       : (v == Verdict::TLE || v == Verdict::MLE) ? k_yellow
                                                                  : k_red;
    return paint(fmt::format("{:<3}", to_string(v)), code);
  }

 private:
  bool on_;
};

// Text that may come from the candidate (messages, type names, output) is shown, never
// obeyed: control characters become \xNN, so no escape sequence reaches the terminal.
std::string printable(std::string_view s, size_t max, bool keep_newlines = true) {
  std::string out;
  for (unsigned char ch : s.substr(0, utf8_prefix(s, max))) {
    if ((ch == '\n' || ch == '\t') && keep_newlines) {
      out += static_cast<char>(ch);
    } else if (ch == '\n' || ch == '\t' || ch == '\r') {
      out += ' ';
    } else if (ch < 0x20 || ch == 0x7f) {
      out += fmt::format("\\x{:02x}", ch);
    } else {
      out += static_cast<char>(ch);
    }
  }
  if (s.size() > max) {
    out += "…";
  }
  return escape_unseen(out);
}

// Keeps a message on one line of the table.
std::string one_line(std::string_view s, size_t max = 90) {
  return printable(s, max, false);
}

std::string time_text(const TestReport& t) {
  if (t.skipped) {
    return "-";
  }
  if (t.time_ms < 1) {
    return fmt::format("{:.0f} µs", t.time_ms * 1000);
  }
  return t.time_ms < 10 ? fmt::format("{:.2f} ms", t.time_ms) : fmt::format("{:.0f} ms", t.time_ms);
}

bool group_passed(const Report& r, size_t group) {
  for (const auto& t : r.tests) {
    if (t.test->group == static_cast<int>(group) && (t.skipped || t.verdict != Verdict::AC)) {
      return false;
    }
  }
  return true;
}

// Lines of `expected` and `got` side by side as a diff: "  " both, "- " expected only,
// "+ " got only (longest common subsequence; past 2000 lines, line by line).
std::vector<std::string> line_diff(const std::string& expected, const std::string& got) {
  auto split = [](const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      end = end == std::string::npos ? text.size() : end;
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  };
  std::vector<std::string> a = split(expected);
  std::vector<std::string> b = split(got);
  std::vector<std::string> out;
  if (a.size() > 2000 || b.size() > 2000) {
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      if (i < a.size() && i < b.size() && a[i] == b[i]) {
        out.push_back("  " + a[i]);
        continue;
      }
      if (i < a.size()) {
        out.push_back("- " + a[i]);
      }
      if (i < b.size()) {
        out.push_back("+ " + b[i]);
      }
    }
    return out;
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back("  " + a[i++]);
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back("+ " + b[j++]);
    } else {
      out.push_back("- " + a[i++]);
    }
  }
  return out;
}

// A failing sample in full: input, expected, got, why, and what it printed. `limit` caps
// each value shown (a line diff follows when both sides are multi-line text).
void print_sample_detail(std::ostream& out, const Challenge& c, const TestReport& t,
                         const Painter& p, const std::string& heading, size_t limit = 600) {
  out << "\n" << p.paint(heading, k_bold) << "\n";
  // Multi-line text (stdin, output, test code) goes below its label, indented.
  auto row = [&](std::string_view label, const std::string& text) {
    if (text.find('\n') == std::string::npos) {
      // Padded before painting: the colour codes have no width on screen.
      out << fmt::format("  {} {}\n", p.paint(fmt::format("{:<9}", label), k_dim), text);
      return;
    }
    out << fmt::format("  {}\n", p.paint(label, k_dim));
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      end = end == std::string::npos ? text.size() : end;
      out << "    " << text.substr(start, end - start) << "\n";
      start = end + 1;
    }
  };
  bool is_text = c.kind == ChallengeKind::program || c.kind == ChallengeKind::script;
  std::string input = describe_input(c, *t.test, limit);
  row(c.kind == ChallengeKind::script ? "test code" : "input",
      is_text ? printable(input, limit) : input);
  std::string expected = printable(describe_expected(c, *t.test, limit), limit);
  row("expected", expected);
  if (t.got) {
    std::string got = printable(*t.got, limit);
    row("got", got);
    if (t.verdict == Verdict::WA && expected.find('\n') != std::string::npos &&
        got.find('\n') != std::string::npos) {
      std::string diff;
      for (const std::string& line : line_diff(expected, got)) {
        const char* code = line[0] == '-' ? k_green : line[0] == '+' ? k_red : k_dim;
        diff += (diff.empty() ? "" : "\n") + p.paint(line, code);
      }
      row("diff", p.paint("- expected  + got", k_dim) + "\n" + diff);
    }
  }
  row(t.verdict == Verdict::WA ? "why" : "error",
      printable(t.detail.empty() ? t.message : t.detail, std::max<size_t>(limit, 2000)));
  if (t.line > 0) {
    row("line", std::to_string(t.line));
  }
  for (const auto& [label, cap] : {std::pair{"stdout", &t.out}, {"stderr", &t.err}}) {
    if (cap->total == 0 || (c.kind == ChallengeKind::program && cap == &t.out)) {
      continue;
    }
    size_t shown = std::max<size_t>(limit, 1000);
    // At most 20 lines too: a flood of short lines would fill the screen.
    size_t end_of_line = std::string::npos;  // the 20th line's newline, if there is one
    for (int lines = 0, from = 0; lines < 20; ++lines) {
      end_of_line = cap->head.find('\n', static_cast<size_t>(from));
      if (end_of_line == std::string::npos) {
        break;
      }
      from = static_cast<int>(end_of_line) + 1;
    }
    if (end_of_line != std::string::npos && end_of_line + 1 < cap->head.size()) {
      shown = std::min(shown, end_of_line);  // more follows the 20th line
    }
    std::string text = printable(cap->head, shown);
    if (cap->total > cap->head.size() || cap->head.size() > shown) {
      text += fmt::format("\n… ({} bytes printed{})", cap->total,
                          t.verdict == Verdict::OLE ? " before the output limit stopped it" : "");
    }
    row(label, text);
  }
}

}  // namespace

std::string escape_markup(std::string_view raw) {
  // A candidate's bidirectional override would reorder what the reader sees: written \u202e.
  std::string s = escape_unseen(raw);
  std::string out;
  out.reserve(s.size());
  for (unsigned char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      // As references, so that an attribute keeps them (XML turns a raw one into a space);
      // in text they read the same.
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (ch < 0x20) {
          out += fmt::format("\\x{:02x}", ch);
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  if (!is_utf8(out)) {
    return utf8_repaired(out);
  }
  return out;
}

TtyStyle TtyStyle::detect(int out_fd, const std::string& mode) {
  TtyStyle style;
  bool tty = isatty(out_fd) == 1;
  if (tty) {
    const char* columns = std::getenv("COLUMNS");
    winsize ws{};
    if (columns != nullptr && std::atoi(columns) > 0) {
      style.width = static_cast<size_t>(std::atoi(columns));
    } else if (ioctl(out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
      style.width = ws.ws_col;
    }
  }
  const char* no_color = std::getenv("NO_COLOR");
  style.color =
      mode == "always" || (mode != "never" && tty && (no_color == nullptr || *no_color == '\0'));
  return style;
}

void print_report(std::ostream& out, const Challenge& c, const Report& r, const TtyStyle& style) {
  Painter p(style);
  out << p.paint(fmt::format("{} · {}", c.id, c.title), k_bold)
      << p.paint(fmt::format("  ({}{} tests)", c.difficulty.empty() ? "" : c.difficulty + ", ",
                             c.tests.size()),
                 k_dim)
      << "\n";
  if (!r.message.empty()) {
    out << "\n  " << p.verdict(r.verdict) << " " << printable(r.message, 2000) << "\n";
  } else {
    size_t width = 4;
    size_t kind_width = 6;
    for (const auto& t : r.tests) {
      width = std::max(width, std::min<size_t>(t.test->name.size(), 32));
      if (t.test->group >= 0) {
        kind_width = std::max(
            kind_width,
            std::min<size_t>(c.groups.at(static_cast<size_t>(t.test->group)).name.size(), 20) + 9);
      }
    }
    out << "\n";
    for (const auto& t : r.tests) {
      std::string name = t.test->name.size() > 32 ? t.test->name.substr(0, 31) + "…" : t.test->name;
      std::string kind = t.test->sample ? "sample" : "hidden";
      if (t.test->group >= 0) {  // "hidden · edge cases"
        kind += " · " + c.groups.at(static_cast<size_t>(t.test->group)).name.substr(0, 20);
      }
      // On a terminal, the reason fits the rest of the row (at least 30 columns of it).
      size_t used = 2 + 4 + width + 2 + kind_width + 2 + 9 + 2;
      size_t room = style.width > used + 30 ? style.width - used : (style.width > 0 ? 30 : 90);
      std::string msg =
          t.verdict == Verdict::AC ? "" : one_line(t.message, std::min<size_t>(room, 90));
      std::string line = fmt::format("  {} {:<{}}  {}  {}  {}", p.verdict(t.verdict), name, width,
                                     p.paint(fmt::format("{:<{}}", kind, kind_width), k_dim),
                                     p.paint(fmt::format("{:>9}", time_text(t)), k_dim), msg);
      out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    }
    if (!c.groups.empty()) {
      out << "\n  groups: ";
      for (size_t g = 0; g < c.groups.size(); ++g) {
        bool passed = group_passed(r, g);
        out << (g ? " · " : "")
            << fmt::format("{} {}/{} points", c.groups[g].name, passed ? c.groups[g].points : 0,
                           c.groups[g].points);
      }
      out << "\n";
    }
    for (const auto& t : r.tests) {
      if (t.test->sample && !t.skipped && t.verdict != Verdict::AC) {
        print_sample_detail(out, c, t, p, fmt::format("First failing sample: {}", t.test->name));
        break;
      }
    }
  }
  auto [earned, total] = r.points(c);
  out << "\n"
      << p.paint("Verdict: ", k_bold) << p.verdict(r.verdict) << " "
      << fmt::format("({}) · {}/{} tests passed · {}/{} points · score {:.1f}", describe(r.verdict),
                     r.passed(), r.tests.size(), earned, total, r.score)
      << "\n";
}

void print_sample_run(std::ostream& out, const Challenge& c, const std::string& command_name,
                      size_t all_tests, const Report& r, const TtyStyle& style) {
  Painter p(style);
  out << p.paint(fmt::format("{} · {}", c.id, c.title), k_bold)
      << p.paint(fmt::format("  samples only: {} of {} tests (`pyjudge submit` runs them all)",
                             c.tests.size(), all_tests),
                 k_dim)
      << "\n";
  if (!r.message.empty()) {
    out << "\n  " << p.verdict(r.verdict) << " " << printable(r.message, 20000) << "\n";
    // The message names the line already when it comes from the candidate's code.
    if (r.line > 0 && r.message.find(fmt::format("line {}", r.line)) == std::string::npos) {
      out << p.paint(fmt::format("      at line {}", r.line), k_dim) << "\n";
    }
  } else {
    size_t width = 4;
    for (const auto& t : r.tests) {
      width = std::max(width, std::min<size_t>(t.test->name.size(), 40));
    }
    out << "\n";
    for (const auto& t : r.tests) {
      std::string line = fmt::format("  {} {:<{}}  {}  {}", p.verdict(t.verdict), t.test->name,
                                     width, p.paint(fmt::format("{:>9}", time_text(t)), k_dim),
                                     t.verdict == Verdict::AC ? "" : one_line(t.message));
      out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    }
    for (const auto& t : r.tests) {
      if (!t.skipped && t.verdict != Verdict::AC) {
        print_sample_detail(
            out, c, t, p,
            fmt::format("{} · {} ({})", t.test->name, to_string(t.verdict), describe(t.verdict)),
            20000);
      }
    }
  }
  out << "\n"
      << p.paint("Samples: ", k_bold)
      << fmt::format("{}/{} passed", r.message.empty() ? r.passed() : 0, r.tests.size());
  if (r.verdict == Verdict::AC) {
    out << fmt::format(" · next: pyjudge submit {} FILE (the hidden tests too)", command_name);
  }
  out << "\n";
}

nlohmann::ordered_json report_json(const Challenge& c, const Report& r) {
  nlohmann::ordered_json j;
  j["challenge"] = c.id;
  j["verdict"] = to_string(r.verdict);
  j["score"] = r.score;
  j["passed"] = r.passed();
  j["total"] = r.tests.size();
  auto [earned, total] = r.points(c);
  j["points"] = earned;
  j["max_points"] = total;
  if (!c.groups.empty()) {
    auto groups = nlohmann::ordered_json::array();
    for (size_t g = 0; g < c.groups.size(); ++g) {
      bool passed = group_passed(r, g);
      groups.push_back({{"name", c.groups[g].name},
                        {"sample", c.groups[g].sample},
                        {"points", c.groups[g].points},
                        {"passed", passed},
                        {"earned", passed ? c.groups[g].points : 0}});
    }
    j["groups"] = std::move(groups);
  }
  if (!r.message.empty()) {
    j["message"] = r.message;
    if (r.line > 0) {
      j["line"] = r.line;
      j["column"] = r.column;
    }
  }
  j["peak_memory_kb"] = r.peak_memory_kb;
  auto layers = nlohmann::ordered_json::array();
  for (const auto& l : r.sandbox) {
    layers.push_back({{"layer", l.name},
                      {"active", l.active},
                      {"detail", l.detail},
                      {"setup_us", static_cast<double>(l.setup_ns) / 1000.0}});
  }
  j["sandbox"] = std::move(layers);
  auto tests = nlohmann::ordered_json::array();
  for (const auto& t : r.tests) {
    nlohmann::ordered_json jt;
    jt["name"] = t.test->name;
    jt["sample"] = t.test->sample;
    jt["verdict"] = to_string(t.verdict);
    jt["time_ms"] = t.time_ms;
    jt["message"] = t.message;
    jt["skipped"] = t.skipped;
    jt["points"] = t.test->points;
    if (t.test->group >= 0) {
      jt["group"] = c.groups.at(static_cast<size_t>(t.test->group)).name;
    }
    jt["peak_memory_kb"] = t.peak_memory_kb;
    if (t.line > 0) {
      jt["line"] = t.line;
    }
    if (!t.blocked.empty()) {
      jt["blocked"] = t.blocked;
    }
    if (t.test->sample) {  // hidden tests: nothing that would reveal their data
      jt["input"] = describe_input(c, *t.test, 2000);
      jt["expected"] = describe_expected(c, *t.test, 2000);
      if (t.got) {
        jt["got"] = *t.got;
      }
      if (!t.detail.empty()) {
        jt["detail"] = t.detail;
      }
      jt["stdout"] = t.out.head;
      jt["stderr"] = t.err.head;
    }
    tests.push_back(std::move(jt));
  }
  j["tests"] = std::move(tests);
  return j;
}

std::string seconds_text(double s) {
  if (s < 1e-3) {
    return fmt::format("{:.1f} µs", s * 1e6);
  }
  if (s < 1) {
    return fmt::format("{:.2f} ms", s * 1e3);
  }
  return fmt::format("{:.2f} s", s);
}

namespace {

// A bar of `width` cells for value v on a log scale from lo to hi.
std::string bar(double v, double lo, double hi, size_t width, const char* cell) {
  double f = hi > lo ? (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo)) : 1;
  auto cells = static_cast<size_t>(std::lround(1 + f * static_cast<double>(width - 1)));
  std::string out;
  for (size_t i = 0; i < cells; ++i) {
    out += cell;
  }
  return out;
}

// A speed ratio with two decimals, or two significant digits below 0.01 (0.0034, not 0.00).
std::string ratio_text(double r) {
  return r > 0 && r < 0.01 ? fmt::format("{:.2g}", r) : fmt::format("{:.2f}", r);
}

// A size's ratio of medians, candidate over reference (0 without a reference time).
double size_ratio(const PerfSize& s) {
  double r = median(s.reference_s);
  return r > 0 ? median(s.candidate_s) / r : 0.0;
}

}  // namespace

void print_performance(std::ostream& out, const PerfReport& p, const TtyStyle& style) {
  Painter paint(style);
  out << "\n" << paint.paint("Performance vs the reference", k_bold);
  if (p.wrong_answer) {  // every test passed, but a timed call's answer was wrong
    out << "\n  " << paint.paint("WA", k_red) << " " << printable(p.message, 2000) << "\n";
    out << "\n"
        << paint.paint("Verdict: ", k_bold) << paint.paint("WA ", k_red)
        << " (every test passed, but a call gave a wrong answer while it was timed)\n";
    return;
  }
  if (!p.error.empty()) {
    out << "\n  not measured: " << printable(p.error, 2000) << "\n";
    return;
  }
  out << paint.paint(" (CPU per call, median of rounds interleaved with the reference)", k_dim)
      << "\n\n";
  double lo = 1e9;
  double hi = 0;
  for (const PerfSize& s : p.sizes) {
    for (double v : {median(s.candidate_s), median(s.reference_s)}) {
      lo = std::min(lo, std::max(v, 1e-9));
      hi = std::max(hi, v);
    }
  }
  out << fmt::format("  {:>9}  {:>10}  {:>10}  {:>6}\n", "n", "yours", "reference", "ratio");
  for (const PerfSize& s : p.sizes) {
    double c = median(s.candidate_s);
    double r = median(s.reference_s);
    out << fmt::format("  {:>9}  {:>10}  {:>10}  {:>6}  ", s.n, seconds_text(c), seconds_text(r),
                       ratio_text(size_ratio(s)))
        << paint.paint(bar(std::max(c, 1e-9), lo, hi, 24, "█"), k_bold) << "\n"
        << fmt::format("  {:>9}  {:>10}  {:>10}  {:>6}  ", "", "", "", "")
        << paint.paint(bar(std::max(r, 1e-9), lo, hi, 24, "░"), k_dim) << "\n";
  }
  out << paint.paint("  █ yours  ░ reference (log scale)", k_dim) << "\n";
  if (p.stopped_at) {
    out << fmt::format("  stopped growing after n = {}: {}\n", *p.stopped_at, p.stop_reason);
  }
  if (!p.note.empty()) {
    out << "  " << paint.paint("note", k_bold) << " " << printable(p.note, 400) << "\n";
  }
  // The figure is the median of the sizes' ratios; where they drift apart (a solution that
  // scales worse), the first and last say more than the median.
  std::string spread;
  if (p.sizes.size() >= 2) {
    double first = size_ratio(p.sizes.front());
    double last = size_ratio(p.sizes.back());
    if (first > 0 && last > 0 && std::max(first, last) > 1.5 * std::min(first, last)) {
      spread =
          fmt::format("; the median over sizes, from {}× at n = {} to {}× at n = {}",
                      ratio_text(first), p.sizes.front().n, ratio_text(last), p.sizes.back().n);
    }
  }
  out << fmt::format("\n  speed   {}× the reference's time ({}{})\n", ratio_text(p.speed.ratio),
                     p.speed.verdict == SpeedVerdict::tie
                         ? "a tie: within 15 %"
                         : (p.speed.verdict == SpeedVerdict::slower ? "slower" : "faster"),
                     spread);
  std::string growth;
  switch (p.growth.verdict) {
    case GrowthVerdict::like_reference:
      growth = "scales like the reference";
      break;
    case GrowthVerdict::worse:
      growth = fmt::format("scales worse (~n^{:.1f}, the reference ~n^{:.1f})", p.growth.exponent,
                           p.growth.reference_exponent);
      break;
    case GrowthVerdict::inconclusive:
      growth = "inconclusive";
      break;
  }
  out << "  growth  " << growth << ": " << p.growth.reason << "\n";
  if (!p.sizes.empty()) {
    const Memory& m = p.memory;
    std::string verdict = m.verdict == MemoryVerdict::like_reference ? "like the reference"
                          : m.verdict == MemoryVerdict::more         ? "more than the reference"
                                                                     : "less than the reference";
    out << fmt::format(
        "  memory  {}: {:.1f} MiB at n = {}, the reference {:.1f} MiB (peak above the "
        "loaded interpreter)\n",
        verdict, static_cast<double>(m.candidate_kb) / 1024.0, m.n,
        static_cast<double>(m.reference_kb) / 1024.0);
  }
  if (p.failed) {  // correct, but slower than max_ratio allows: not a time limit
    out << "  " << paint.paint("SLOW", k_red) << " " << p.message << "\n";
    out << "\n"
        << paint.paint("Verdict: ", k_bold) << paint.paint("SLOW", k_red)
        << " (every test passed, but slower than the challenge allows)\n";
  }
}

void print_summary(std::ostream& out, const Challenge& c, const std::vector<SummaryRow>& rows,
                   const TtyStyle& style) {
  Painter p(style);
  out << p.paint(fmt::format("{} · {}", c.id, c.title), k_bold)
      << p.paint(fmt::format("  ({} tests, {} files)", c.tests.size(), rows.size()), k_dim)
      << "\n\n";
  size_t accepted = 0;
  for (const SummaryRow& row : rows) {
    if (row.report == nullptr) {
      out << fmt::format("  {}  {}\n", p.paint("--", k_dim), one_line(row.error, 160));
      continue;
    }
    const Report& r = *row.report;
    accepted += r.verdict == Verdict::AC ? 1 : 0;
    std::string note;
    if (!r.message.empty()) {
      note = one_line(r.message, 70);
    } else {
      for (const auto& t : r.tests) {
        if (!t.skipped && t.verdict != Verdict::AC) {
          note = one_line(fmt::format("{}: {}", t.test->name, t.message), 70);
          break;
        }
      }
    }
    if (row.perf != nullptr && row.perf->error.empty() && !row.perf->sizes.empty()) {
      note =
          fmt::format("{}× the reference, growth {}{}", ratio_text(row.perf->speed.ratio),
                      to_string(row.perf->growth.verdict), row.perf->failed ? " (too slow)" : "");
    }
    out << fmt::format("  {} {:>9}  {:>5.1f}  {}  {}\n", p.verdict(r.verdict),
                       fmt::format("{}/{}", r.passed(), r.tests.size()), r.score, row.name,
                       p.paint(note, k_dim));
  }
  out << "\n"
      << p.paint("Accepted: ", k_bold) << fmt::format("{} of {} files", accepted, rows.size())
      << "\n";
}

std::string submit_verdict(const Report& r, const PerfReport* perf) {
  if (perf != nullptr && perf->failed) {
    return perf->wrong_answer ? "WA" : "SLOW";
  }
  return std::string(to_string(r.verdict));
}

void add_performance_json(nlohmann::ordered_json& j, const PerfReport& p) {
  nlohmann::ordered_json perf;
  if (!p.error.empty()) {
    perf["error"] = p.error;
  }
  auto sizes = nlohmann::ordered_json::array();
  for (const PerfSize& s : p.sizes) {
    sizes.push_back({{"n", s.n},
                     {"candidate_s", s.candidate_s},
                     {"reference_s", s.reference_s},
                     {"candidate_peak_kb", s.candidate_peak_kb},
                     {"reference_peak_kb", s.reference_peak_kb}});
  }
  perf["sizes"] = std::move(sizes);
  if (p.stopped_at) {
    perf["stopped_at"] = *p.stopped_at;
    perf["stop_reason"] = p.stop_reason;
  }
  perf["failed"] = p.failed;
  if (p.failed) {
    perf["message"] = p.message;
    perf["wrong_answer"] = p.wrong_answer;
  }
  if (p.wrong_answer) {
    j["verdict"] = "WA";  // every test passed, but a timed call's answer was wrong
  }
  if (!p.note.empty()) {
    perf["note"] = p.note;
  }
  j["performance"] = std::move(perf);
  if (p.error.empty()) {
    j["speed"] = {{"ratio", p.speed.ratio}, {"verdict", to_string(p.speed.verdict)}};
    if (!p.sizes.empty()) {
      j["memory"] = {{"n", p.memory.n},
                     {"candidate_kb", p.memory.candidate_kb},
                     {"reference_kb", p.memory.reference_kb},
                     {"verdict", to_string(p.memory.verdict)}};
    }
    j["growth"] = {{"verdict", to_string(p.growth.verdict)},
                   {"exponent", p.growth.exponent},
                   {"reference_exponent", p.growth.reference_exponent},
                   {"relative_exponent", p.growth.relative_exponent},
                   {"ci", {p.growth.ci_lo, p.growth.ci_hi}},
                   {"reason", p.growth.reason}};
  }
}

}  // namespace pyjudge::judge
