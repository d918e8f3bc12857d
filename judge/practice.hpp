// Practising from the terminal: the catalogue of bundled challenges (`list`, `progress`),
// a challenge rendered for reading (`show`), a file to start from (`init`), samples only
// (`test`), and re-judging on every save (`submit --watch`).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "judge/expected.hpp"
#include "judge/history.hpp"
#include "judge/report.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

// Every challenge folder under `root`, loaded, in id order. A folder whose spec does not load
// is kept as its error, so one broken spec never hides the others.
struct CatalogueEntry {
  std::filesystem::path dir;
  Expected<Challenge> challenge;
};
std::vector<CatalogueEntry> load_catalogue(const std::filesystem::path& root);

// "solved", "attempted" or "new" from the history (nullptr: unknown).
std::string status_of(const std::string& id, const std::map<std::string, ChallengeProgress>* h);

struct ListFilter {
  std::vector<std::string> tags;  // any of them
  std::string difficulty;         // empty: any
  std::string status;             // solved, attempted, new; empty: any
};
bool matches(const Challenge& c, const ListFilter& f, const std::string& status);

// The statement's Markdown for a terminal: headings and **bold** in bold (or plain without
// colour), code blocks indented, `code` kept.
std::string render_markdown(const std::string& markdown, const TtyStyle& style);

// `pyjudge show`: title line, statement, signature, samples, limits, what to run next.
void print_challenge(std::ostream& out, const Challenge& c, const TtyStyle& style);

// The file `pyjudge init` writes: the challenge's starter, else a stub from its signature
// (imports, the statement's first paragraph as docstring, the samples as comments).
std::string starter_source(const Challenge& c, const std::string& file_name);
// How commands name `c`: its id when it is the bundled challenge of that id, else its folder.
std::string command_name(const Challenge& c);
// two-sum → two_sum.py
std::string default_solution_name(const std::string& id);

// The same challenge with only its sample tests, and no performance section: `pyjudge test`.
// nullopt when it has none.
std::optional<Challenge> samples_only(const Challenge& c);

// Waits for any of `files` to be written (saved in place, or replaced by an editor's rename)
// and calls `run` again, forever; `run` is called once first. Returns only on an error,
// which it explains.
std::string watch(const std::vector<std::filesystem::path>& files,
                  const std::function<void()>& run);

}  // namespace pyjudge::judge
