#include "judge/validate.hpp"

#include "judge/practice.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "judge/generate.hpp"
#include "judge/judge.hpp"
#include "judge/perf.hpp"
#include "judge/practice.hpp"
#include "judge/report.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

std::string first_failure(const Report& r) {
  if (!r.message.empty()) {
    return r.message;
  }
  for (const TestReport& t : r.tests) {
    if (t.verdict != Verdict::AC) {
      // The author sees everything: the detail, which hidden tests keep from candidates.
      return fmt::format("test `{}`{}: {} {}", t.test->name, t.test->sample ? "" : " (hidden)",
                         to_string(t.verdict), !t.detail.empty() ? t.detail : t.message);
    }
  }
  return "";
}

std::string shown(const fs::path& p, const fs::path& dir) {
  return fs::relative(p, dir).string();
}

// The generated inputs as bytes, to compare two runs of the generator.
std::vector<std::string> fingerprint(const std::vector<TestCase>& tests) {
  std::vector<std::string> out;
  for (const TestCase& t : tests) {
    std::string s;
    for (const Call& call : t.calls) {
      s += call.method + '\0' + to_wire(Value::tuple(call.args)) + '\0' + call.text + '\0';
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

bool Validation::ok() const {
  return loaded && std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.ok; });
}

Validation validate(const fs::path& dir, const ValidateOptions& options) {
  Validation v;
  v.dir = dir;
  Expected<Challenge> loaded = load_challenge(dir);
  if (!loaded) {
    v.checks.push_back({"spec", false, loaded.error().message});
    return v;
  }
  v.loaded = true;
  Challenge& c = loaded.value();
  size_t hand_written = c.tests.size();
  v.checks.push_back(
      {"spec", true,
       fmt::format("{}: kind {}, {} test{}{}", c.spec_file.filename().string(), to_string(c.kind),
                   hand_written, hand_written == 1 ? "" : "s",
                   c.generated ? fmt::format(" + {} generated", c.generated->cases.size()) : "")});

  if (!c.kattis) {
    std::set<fs::path> declared;
    for (const WrongSolution& w : c.wrong) {
      declared.insert(fs::weakly_canonical(w.file));
    }
    std::vector<std::string> undeclared;
    std::error_code ec;
    if (fs::is_directory(dir / "wrong", ec)) {
      for (const auto& e : fs::recursive_directory_iterator(dir / "wrong", ec)) {
        if (e.is_regular_file() && e.path().extension() == ".py" &&
            !declared.contains(fs::weakly_canonical(e.path()))) {
          undeclared.push_back(shown(e.path(), dir));
        }
      }
    }
    std::sort(undeclared.begin(), undeclared.end());
    std::string list;
    for (const auto& u : undeclared) {
      list += (list.empty() ? "" : ", ") + u;
    }
    v.checks.push_back({"wrong/", undeclared.empty(),
                        undeclared.empty()
                            ? fmt::format("{} wrong solution{} declared", c.wrong.size(),
                                          c.wrong.size() == 1 ? "" : "s")
                            : fmt::format("not declared in `wrong` (add each with the verdict it "
                                          "must get): {}",
                                          list)});
  }

  GenerateOptions go{options.harness_exe, options.cache_dir, options.unsafe};
  if (c.generated) {
    auto first = generate_inputs(c, go);
    auto second = first ? generate_inputs(c, go) : first;
    if (!first || !second) {
      v.checks.push_back({"generator", false, (first ? second : first).error().message});
      return v;
    }
    std::vector<std::string> a = fingerprint(*first);
    std::vector<std::string> b = fingerprint(*second);
    std::string differs;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) {
        differs = c.generated->cases[i].name;
        break;
      }
    }
    v.checks.push_back(
        {"generator", differs.empty(),
         differs.empty()
             ? fmt::format("deterministic: {} case{} generated twice, identical", a.size(),
                           a.size() == 1 ? "" : "s")
             : fmt::format("not deterministic: case `{}` came out different the second time; "
                           "draw every random number from random.Random(seed)",
                           differs)});
    if (auto err = materialize(c, go)) {
      v.checks.push_back({"generated", false, *err});
      return v;
    }
  }

  size_t samples = static_cast<size_t>(
      std::count_if(c.tests.begin(), c.tests.end(), [](const TestCase& t) { return t.sample; }));
  v.checks.push_back({"samples", samples > 0,
                      samples > 0
                          ? fmt::format("{} sample test{}", samples, samples == 1 ? "" : "s")
                          : "no sample test: mark at least one test `sample: true` so "
                            "candidates see an example"});

  JudgeOptions jo;
  jo.harness_exe = options.harness_exe;
  jo.unsafe = options.unsafe;
  jo.reveal_hidden = true;  // the author may see what a hidden test got and why it failed
  // The reference, every wrong solution and the file `pyjudge init` writes, judged side by
  // side over the worker pool.
  struct Entry {
    std::string name;
    Expected<Submission> sub;
  };
  std::vector<Entry> entries;
  entries.push_back({shown(c.reference, dir), read_submission(c.reference)});
  for (const WrongSolution& w : c.wrong) {
    entries.push_back({shown(w.file, dir), read_submission(w.file)});
  }
  std::string starter_name = c.starter.empty() ? "init stub" : shown(c.starter, dir);
  entries.push_back({starter_name, Submission{default_solution_name(c.id),
                                              starter_source(c, default_solution_name(c.id))}});
  std::vector<Submission> subs;
  std::vector<size_t> slot(entries.size(), SIZE_MAX);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].sub) {
      slot[i] = subs.size();
      subs.push_back(*entries[i].sub);
    }
  }
  std::vector<Report> reports = judge_all(c, subs, jo);

  if (slot[0] == SIZE_MAX) {
    v.checks.push_back({"reference", false, entries[0].sub.error().message});
    return v;
  }
  const Report& ref = reports[slot[0]];
  // A checker that fails to load or to answer fails every solution: the checker's fault,
  // named as such rather than as the reference's.
  if (ref.verdict == Verdict::IE &&
      first_failure(ref).find("the challenge's checker failed") != std::string::npos) {
    v.checks.push_back({"checker", false,
                        fmt::format("{} failed while judging {}: {}", shown(c.checker, dir),
                                    entries[0].name, first_failure(ref))});
    return v;
  }
  v.checks.push_back({"reference", ref.verdict == Verdict::AC,
                      ref.verdict == Verdict::AC
                          ? fmt::format("{}: AC on all {} tests", entries[0].name, c.tests.size())
                          : fmt::format("{} must pass every test, got {}: {}", entries[0].name,
                                        to_string(ref.verdict), first_failure(ref))});

  for (size_t i = 0; i < c.wrong.size(); ++i) {
    const WrongSolution& w = c.wrong[i];
    const Entry& e = entries[i + 1];
    if (slot[i + 1] == SIZE_MAX) {
      v.checks.push_back({e.name, false, e.sub.error().message});
      continue;
    }
    const Report& r = reports[slot[i + 1]];
    bool ok = r.verdict == w.expect;
    // Which test rejects it, so an author sees whether it fails for the intended reason.
    v.checks.push_back(
        {e.name, ok,
         ok ? (w.expect == Verdict::AC  // an accepted one has no failure to name
                   ? std::string("AC as declared")
                   : fmt::format("{} as declared ({})", to_string(w.expect), first_failure(r)))
            : fmt::format("declared {}, got {}{}", to_string(w.expect), to_string(r.verdict),
                          r.verdict == Verdict::AC ? " (it passes every test: add a test it fails)"
                                                   : " (" + first_failure(r) + ")")});
  }

  // What a candidate starts from must load and call the entry, and must not pass.
  const Report& stub = reports[slot.back()];
  bool loads = stub.verdict != Verdict::CE && stub.verdict != Verdict::IE;
  bool stub_ok = loads && stub.verdict != Verdict::AC;
  std::string stub_detail;
  if (!loads) {
    stub_detail = c.starter.empty() && c.kind == ChallengeKind::script
                      ? fmt::format(
                            "`pyjudge init` can only write a comment naming `{}` for a "
                            "script challenge: add `starter: starter.py` defining it ({})",
                            c.entry, first_failure(stub))
                      : fmt::format("the file `pyjudge init` writes does not load: {} ({})",
                                    to_string(stub.verdict), first_failure(stub));
  } else if (!stub_ok) {
    stub_detail =
        "the file `pyjudge init` writes passes every test: a starter must leave the "
        "work to the candidate";
  } else {
    stub_detail = fmt::format("what `pyjudge init` writes loads and gets {} ({})",
                              to_string(stub.verdict), first_failure(stub));
  }
  v.checks.push_back({"starter", stub_ok, stub_detail});

  // The `performance` section: every size generated and the reference timed on it (one
  // round, against itself). A generator that fails at some size, or a reference that fails
  // or crawls there, is the author's to mend — not a "not measured" for every candidate.
  if (c.performance && ref.verdict == Verdict::AC) {
    PerfReport p =
        measure_performance(c, *entries[0].sub, {options.harness_exe, options.unsafe, 1});
    const std::vector<int64_t>& sizes = c.performance->sizes;
    if (!p.error.empty()) {
      v.checks.push_back({"performance", false, p.error});
    } else if (p.sizes.size() < sizes.size() || p.sizes.back().reference_s.at(0) > 0.25) {
      v.checks.push_back(
          {"performance", false,
           p.sizes.size() < sizes.size()
               ? fmt::format("the reference was timed only up to n = {} of {} ({}): choose "
                             "sizes at which it takes 20–50 ms at the largest",
                             p.sizes.empty() ? 0 : p.sizes.back().n, sizes.back(), p.stop_reason)
               : fmt::format("the reference takes {} a call at n = {}, over 0.25 s: choose "
                             "sizes at which it takes 20–50 ms at the largest",
                             seconds_text(p.sizes.back().reference_s.at(0)), sizes.back())});
    } else {
      double largest = p.sizes.back().reference_s.at(0);
      v.checks.push_back(
          {"performance", true,
           fmt::format("{} sizes, n = {} to {}: the reference takes {} a call at the largest{}",
                       sizes.size(), sizes.front(), sizes.back(), seconds_text(largest),
                       largest < 1e-3
                           ? " — under 1 ms, where a call's fixed cost hides how it grows: "
                             "fine for a constant-time reference, else choose sizes at which "
                             "it takes 20–50 ms"
                           : "")});
    }
  }
  return v;
}

}  // namespace pyjudge::judge
