#include "judge/html_report.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "judge/growth.hpp"
#include "judge/report.hpp"

namespace pyjudge::judge {

namespace {

using json = nlohmann::ordered_json;

std::string esc(std::string_view s) {
  return escape_markup(s);
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string cut(const std::string& s, size_t max) {
  return s.size() > max ? utf8_cut(s, max) + "\n… (" + std::to_string(s.size()) + " bytes)" : s;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  return out;
}

std::string verdict_class(const std::string& v) {
  if (v == "AC") {
    return "ok";
  }
  if (v == "TLE" || v == "MLE") {
    return "slow";
  }
  return v == "refused" ? "refused" : "bad";
}

// Time against n, log-log, the candidate and the reference: medians per size.
std::string time_chart(const json& row) {
  if (!row.contains("performance") || row["performance"]["sizes"].empty()) {
    return "";
  }
  struct Point {
    double n, cand, ref;
  };
  std::vector<Point> pts;
  for (const json& s : row["performance"]["sizes"]) {
    pts.push_back({s["n"].get<double>(), median(s["candidate_s"].get<std::vector<double>>()),
                   median(s["reference_s"].get<std::vector<double>>())});
  }
  double nlo = pts.front().n;
  double nhi = pts.back().n;
  double tlo = HUGE_VAL;
  double thi = 0;
  for (const Point& p : pts) {
    tlo = std::min({tlo, p.cand, p.ref});
    thi = std::max({thi, p.cand, p.ref});
  }
  if (!(tlo > 0) || !(thi > tlo) || !(nhi > nlo)) {
    return "";
  }
  const double w = 360;
  const double h = 200;
  const double left = 56;
  const double bottom = 28;
  auto x = [&](double n) {
    return left + (std::log(n) - std::log(nlo)) / (std::log(nhi) - std::log(nlo)) * (w - left - 12);
  };
  auto y = [&](double t) {
    return h - bottom -
           (std::log(t) - std::log(tlo)) / (std::log(thi) - std::log(tlo)) * (h - bottom - 12);
  };
  auto path = [&](const std::function<double(const Point&)>& get) {
    std::string d;
    for (size_t i = 0; i < pts.size(); ++i) {
      d += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", x(pts[i].n), y(get(pts[i])));
    }
    return d;
  };
  auto ms = [](double s) {
    if (s < 1e-5) {
      return fmt::format("{:.2f} µs", s * 1e6);
    }
    return s < 1e-3 ? fmt::format("{:.0f} µs", s * 1e6) : fmt::format("{:.1f} ms", s * 1e3);
  };
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"time against n, candidate and reference\">",
      w, h);
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" class=\"axis\"/>", left,
                     h - bottom, w - 8);
  svg += fmt::format("<line x1=\"{0}\" y1=\"8\" x2=\"{0}\" y2=\"{1}\" class=\"axis\"/>", left,
                     h - bottom);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"lbl\">{}</text>", left, h - 8,
                     fmt::format("n = {:.0f}", nlo));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"lbl\" text-anchor=\"end\">{}</text>", w - 8,
                     h - 8, fmt::format("n = {:.0f}", nhi));
  svg += fmt::format("<text x=\"4\" y=\"16\" class=\"lbl\">{}</text>", esc(ms(thi)));
  svg += fmt::format("<text x=\"4\" y=\"{}\" class=\"lbl\">{}</text>", h - bottom, esc(ms(tlo)));
  svg += fmt::format("<path d=\"{}\" class=\"ref\"/>", path([](const Point& p) { return p.ref; }));
  svg +=
      fmt::format("<path d=\"{}\" class=\"cand\"/>", path([](const Point& p) { return p.cand; }));
  for (const Point& p : pts) {
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" class=\"cand\"><title>n = {:.0f}: "
        "{} (reference {})</title></circle>",
        x(p.n), y(p.cand), p.n, esc(ms(p.cand)), esc(ms(p.ref)));
  }
  svg += "</svg>";
  return "<figure>" + svg +
         "<figcaption><span class=\"key cand\"></span> candidate <span class=\"key ref\"></span> "
         "reference · CPU time per call against n, log scales</figcaption></figure>";
}

// Source lines as a table, with some lines marked (failures, shared fragments).
std::string code_block(const std::string& source, const std::set<int>& marked,
                       const std::string& mark_class) {
  std::string out = "<table class=\"code\">";
  int n = 0;
  for (const std::string& line : lines_of(source)) {
    ++n;
    bool m = marked.contains(n);
    out += fmt::format("<tr{}><td class=\"ln\">{}</td><td><pre>{}</pre></td></tr>",
                       m ? " class=\"" + mark_class + "\"" : "", n, esc(line));
  }
  return out + "</table>";
}

struct Column {
  const char* id;
  const char* title;
  // less(a, b): a goes first
  std::function<bool(const json&, const json&)> less;
};

double speed_of_row(const json& r) {
  return r.contains("speed") ? r["speed"]["ratio"].get<double>() : HUGE_VAL;
}

std::string table(const json& doc, const std::vector<size_t>& order,
                  const std::vector<Column>& cols, const std::string& sorted_by) {
  std::string out = "<table class=\"rank\"><thead><tr>";
  for (const Column& c : cols) {
    out += fmt::format("<th{}><a href=\"#by-{}\">{}</a></th>",
                       sorted_by == c.id ? " class=\"sorted\"" : "", c.id, c.title);
  }
  out += "</tr></thead><tbody>";
  const json& cands = doc["candidates"];
  for (size_t i : order) {
    const json& r = cands[i];
    std::string verdict = str(r, "verdict");
    std::string speed =
        r.contains("speed") ? fmt::format("{:.2f}×", r["speed"]["ratio"].get<double>()) : "–";
    std::string growth = r.contains("growth") ? str(r["growth"], "verdict") : "–";
    std::string memory =
        r.value("peak_memory_kb", uint64_t{0}) > 0
            ? fmt::format("{:.1f} MiB",
                          static_cast<double>(r["peak_memory_kb"].get<uint64_t>()) / 1024)
            : "–";
    std::string similar = r["similarity_flag"].get<bool>()
                              ? fmt::format("<span class=\"flag\">{:.0f} %</span>",
                                            r["similarity_max"].get<double>() * 100)
                              : "";
    out += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td><a href=\"#c{}\">{}</a></td><td>{}</td><td>{:.1f}</td>"
        "<td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        verdict_class(verdict), r["rank"].get<size_t>(), i, esc(str(r, "name")), esc(verdict),
        r["score"].get<double>(), r["passed"].get<int64_t>(), r["total"].get<int64_t>(), speed,
        esc(growth), memory, similar);
  }
  return out + "</tbody></table>";
}

std::string candidate_section(const json& r, size_t index) {
  std::string verdict = str(r, "verdict");
  std::string out = fmt::format(
      "<section class=\"candidate\" id=\"c{}\"><h2>{}. {} <span class=\"v {}\">{}</span></h2>",
      index, r["rank"].get<size_t>(), esc(str(r, "name")), verdict_class(verdict), esc(verdict));
  out +=
      fmt::format("<p class=\"meta\">{} · score {:.1f} · {}/{} tests", esc(str(r, "origin")),
                  r["score"].get<double>(), r["passed"].get<int64_t>(), r["total"].get<int64_t>());
  if (!str(r, "entry").empty()) {
    out += " · judged file " + esc(str(r, "entry"));
  }
  if (r.contains("speed")) {
    out += fmt::format(" · {:.2f}× the reference's time · growth {}",
                       r["speed"]["ratio"].get<double>(), esc(str(r["growth"], "verdict")));
  }
  out += "</p>";
  if (r.contains("message")) {
    out += "<p class=\"message\">" + esc(str(r, "message")) + "</p>";
  }
  out += time_chart(r);
  std::set<int> failing;
  if (r.contains("line") && r["line"].get<int>() > 0) {
    failing.insert(r["line"].get<int>());
  }
  if (!r["tests"].empty()) {
    out +=
        "<table class=\"tests\"><thead><tr><th>test</th><th></th><th>verdict</th><th>time</th>"
        "<th>input</th><th>expected</th><th>got</th><th>why</th></tr></thead><tbody>";
    for (const json& t : r["tests"]) {
      std::string v = str(t, "verdict");
      if (t.contains("line")) {
        failing.insert(t["line"].get<int>());
      }
      double ms = t["time_ms"].get<double>();
      out += fmt::format(
          "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><pre>{}</pre></td>"
          "<td><pre>{}</pre></td><td><pre>{}</pre></td><td>{}</td></tr>",
          verdict_class(v), esc(str(t, "name")), t["sample"].get<bool>() ? "sample" : "hidden",
          esc(v), ms < 1 ? fmt::format("{:.0f} µs", ms * 1000) : fmt::format("{:.1f} ms", ms),
          esc(cut(str(t, "input"), 300)), esc(cut(str(t, "expected"), 300)),
          esc(cut(str(t, "got"), 300)), v == "AC" ? "" : esc(cut(str(t, "message"), 500)));
    }
    out += "</tbody></table>";
  }
  if (r.contains("source")) {
    out += "<details open><summary>Code";
    out += failing.empty() ? "" : " (failing lines marked)";
    out += "</summary>" + code_block(str(r, "source"), failing, "fail") + "</details>";
  }
  for (const char* stream : {"stdout", "stderr"}) {
    if (!str(r, stream).empty()) {
      out += fmt::format(
          "<details><summary>{} (first 8 KiB)</summary><pre class=\"out\">{}</pre></details>",
          stream, esc(cut(str(r, stream), 8192)));
    }
  }
  return out + "<p><a href=\"#top\">back to the ranking</a></p></section>";
}

std::string pair_section(const json& doc, const json& p,
                         const std::map<std::string, size_t>& by_name) {
  const json& cands = doc["candidates"];
  const json& a = cands[by_name.at(str(p, "a"))];
  const json& b = cands[by_name.at(str(p, "b"))];
  std::set<int> la;
  std::set<int> lb;
  for (const json& f : p["fragments"]) {
    for (int l = f["a_lines"][0].get<int>(); l <= f["a_lines"][1].get<int>(); ++l) {
      la.insert(l);
    }
    for (int l = f["b_lines"][0].get<int>(); l <= f["b_lines"][1].get<int>(); ++l) {
      lb.insert(l);
    }
  }
  return fmt::format(
      "<section class=\"pair\"><h3>{} and {}: {:.0f} %{}</h3><div class=\"side\"><div><h4>{}</h4>{}"
      "</div><div><h4>{}</h4>{}</div></div></section>",
      esc(str(p, "a")), esc(str(p, "b")), p["similarity"].get<double>() * 100,
      p["flagged"].get<bool>() ? " <span class=\"flag\">flagged</span>" : "", esc(str(p, "a")),
      code_block(str(a, "source"), la, "shared"), esc(str(p, "b")),
      code_block(str(b, "source"), lb, "shared"));
}

constexpr const char* k_css = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#1b1b1b}
h1{font-size:22px}h2{font-size:18px;border-top:1px solid #ddd;padding-top:12px}
table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;vertical-align:top}
table.rank th a{color:inherit}table.rank th.sorted a{text-decoration:none;font-weight:700}
table.rank th.sorted a::after{content:" ▼"}
table.rank tr:nth-child(even),table.tests tr:nth-child(even){background:#f6f6f6}
.ok td:nth-child(3),.v.ok{color:#11691b}.bad td:nth-child(3),.v.bad{color:#b3261e}
.slow td:nth-child(3),.v.slow{color:#8a5a00}.refused,.v.refused{color:#777}
.flag{background:#fde8b0;border-radius:3px;padding:0 4px}
.ranking>section{display:none}.ranking>section:target{display:block}
.ranking>section:target~section.default{display:none}.ranking>section.default{display:block}
table.tests pre,table.code pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px ui-monospace,monospace}
table.tests td{max-width:260px}
table.code{width:100%;background:#fafafa;border:1px solid #e4e4e4}
table.code td.ln{color:#999;text-align:right;user-select:none;width:3em}
tr.fail{background:#fde2e0}tr.shared{background:#fff1c2}
pre.out{background:#f3f3f3;padding:8px;max-height:300px;overflow:auto}
.chart .axis{stroke:#999}.chart .lbl{font-size:11px;fill:#555}
.chart path{fill:none;stroke-width:2}.chart path.cand,.chart circle.cand{stroke:#1a5fb4;fill:none}
.chart circle.cand{fill:#1a5fb4}.chart path.ref{stroke:#999;stroke-dasharray:4 3}
.key{display:inline-block;width:14px;height:3px;vertical-align:middle}.key.cand{background:#1a5fb4}
.key.ref{background:#999}figure{margin:8px 0}figcaption{font-size:12px;color:#555}
.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}.note{color:#444;max-width:70em}
)css";

}  // namespace

std::string batch_html(const json& doc) {
  const json& cands = doc["candidates"];
  std::vector<size_t> ranked(cands.size());
  for (size_t i = 0; i < ranked.size(); ++i) {
    ranked[i] = i;
  }
  auto num = [](const char* key) {
    return
        [key](const json& a, const json& b) { return a[key].get<double>() > b[key].get<double>(); };
  };
  std::vector<Column> cols = {
      {"rank", "#", [](const json& a, const json& b) { return a["rank"] < b["rank"]; }},
      {"name", "candidate",
       [](const json& a, const json& b) {
         return a["name"].get<std::string>() < b["name"].get<std::string>();
       }},
      {"verdict", "verdict",
       [](const json& a, const json& b) {
         return a["verdict"].get<std::string>() < b["verdict"].get<std::string>();
       }},
      {"score", "score", num("score")},
      {"tests", "tests passed",
       [](const json& a, const json& b) {
         return a["passed"].get<int64_t>() > b["passed"].get<int64_t>();
       }},
      {"speed", "speed vs reference",
       [](const json& a, const json& b) { return speed_of_row(a) < speed_of_row(b); }},
      {"growth", "growth",
       [](const json& a, const json& b) {
         auto g = [](const json& r) {
           return r.contains("growth") ? r["growth"]["verdict"].get<std::string>() : "~";
         };
         return g(a) < g(b);
       }},
      {"memory", "peak memory",
       [](const json& a, const json& b) {
         // Not measured (a refused candidate) sorts last, as in every other order.
         auto peak = [](const json& r) {
           uint64_t kb = r.value("peak_memory_kb", uint64_t{0});
           return kb > 0 ? kb : UINT64_MAX;
         };
         return peak(a) < peak(b);
       }},
      {"similar", "similarity",
       [](const json& a, const json& b) {
         return a.value("similarity_max", 0.0) > b.value("similarity_max", 0.0);
       }},
  };
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += fmt::format("<title>pyjudge batch · {}</title><style>{}</style></head><body id=\"top\">",
                      esc(str(doc, "challenge")), k_css);
  size_t accepted = 0;
  for (const json& r : cands) {
    accepted += r["verdict"] == "AC" ? 1 : 0;
  }
  html += fmt::format(
      "<h1>{} · {}</h1><p>{} candidate{} · {} accepted · ranked by score, then speed "
      "against the reference. Click a column to sort by it.</p>",
      esc(str(doc, "challenge")), esc(str(doc, "title")), cands.size(),
      cands.size() == 1 ? "" : "s", accepted);
  // One table per sort order; the one whose #by-… is the URL's target shows (no script).
  html += "<div class=\"ranking\">";
  for (const Column& c : cols) {
    if (std::string(c.id) == "rank") {
      continue;
    }
    std::vector<size_t> order = ranked;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return c.less(cands[a], cands[b]); });
    html += fmt::format("<section id=\"by-{}\">{}</section>", c.id, table(doc, order, cols, c.id));
  }
  html += "<section id=\"by-rank\" class=\"default\">" + table(doc, ranked, cols, "rank") +
          "</section></div>";
  // Similar pairs: the flagged ones, and the five most similar in any case.
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < cands.size(); ++i) {
    by_name[str(cands[i], "name")] = i;
  }
  html += "<h2>Similarity</h2><p class=\"note\">" + esc(str(doc, "similarity_note")) + "</p>";
  size_t shown = 0;
  for (const json& p : doc["similarity"]) {
    if (shown >= 5 && !p["flagged"].get<bool>()) {
      break;
    }
    if (by_name.contains(str(p, "a")) && by_name.contains(str(p, "b"))) {
      html += pair_section(doc, p, by_name);
      ++shown;
    }
  }
  if (shown == 0) {
    html += "<p>No two candidates share more than the starter code and common idioms.</p>";
  }
  for (size_t i = 0; i < cands.size(); ++i) {
    html += candidate_section(cands[i], i);
  }
  html +=
      "<footer><p>Made by pyjudge. Hidden tests are shown with their inputs: this report is "
      "for the interviewer, not for candidates.</p></footer></body></html>\n";
  return html;
}

}  // namespace pyjudge::judge
