// Reporters: the same Report rendered for a person (terminal) or a program (JSON).
// Hidden tests show their name, verdict and time only — never inputs, expected values,
// returned values or printed output.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "judge/judge.hpp"
#include "judge/perf.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

struct TtyStyle {
  bool color = false;
  size_t width = 0;  // the terminal's columns, for rows cut to fit (0: not a terminal, no cut)
  // Decides colour: never with NO_COLOR set (non-empty) or when `out_fd` is not a terminal;
  // `mode` is "auto", "always" or "never". The width is the terminal's ($COLUMNS first).
  static TtyStyle detect(int out_fd, const std::string& mode);
};

void print_report(std::ostream& out, const Challenge& c, const Report& r, const TtyStyle& style);

// Text for XML or HTML (JUnit, the batch report): the five entities escaped, control
// characters other than tab and newlines as \xNN (XML 1.0 forbids them), and, when the text
// is not UTF-8, every non-ASCII byte as '?' — a candidate's bytes never break the file.
std::string escape_markup(std::string_view s);

nlohmann::ordered_json report_json(const Challenge& c, const Report& r);

// `pyjudge test` (c holds only the samples; all_tests counts the challenge's own;
// command_name is how to name it in a command): one line per sample, then every failing one
// in full — input, expected, got, a line diff of multi-line text, what it printed.
void print_sample_run(std::ostream& out, const Challenge& c, const std::string& command_name,
                      size_t all_tests, const Report& r, const TtyStyle& style);

// Several submissions of one challenge: one line each (verdict, tests, score, and speed and
// growth when measured), in the order given.
struct SummaryRow {
  std::string name;  // the file as given
  const Report* report = nullptr;
  const PerfReport* perf = nullptr;  // may be null
  std::string error;                 // the file could not be judged (unreadable, too big)
};
void print_summary(std::ostream& out, const Challenge& c, const std::vector<SummaryRow>& rows,
                   const TtyStyle& style);

// Speed and growth against the reference: a table per size, a chart of time vs n for both,
// the verdicts.
void print_performance(std::ostream& out, const PerfReport& p, const TtyStyle& style);

// A duration for people: "4.6 µs", "29.70 ms", "1.25 s".
std::string seconds_text(double s);

// Adds "performance" (samples per size), "speed" and "growth" to a report's JSON.
void add_performance_json(nlohmann::ordered_json& j, const PerfReport& p);

// The verdict `submit` shows (text, JSON, history) for a report and its timing: WA when every
// test passed but a timed call's answer was wrong, SLOW when it is over max_ratio, else the
// report's own.
std::string submit_verdict(const Report& r, const PerfReport* perf);

}  // namespace pyjudge::judge
