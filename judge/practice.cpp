#include "judge/practice.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "judge/judge.hpp"
#include "sandbox/unique_fd.hpp"

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_dim = "\x1b[2m";
constexpr const char* k_cyan = "\x1b[36m";

std::string paint(const TtyStyle& s, std::string_view text, const char* code) {
  return s.color ? fmt::format("{}{}{}", code, text, k_reset) : std::string(text);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
  }
  return lines;
}

// **bold** and `code` inside a line of prose.
std::string inline_markdown(std::string_view line, const TtyStyle& s) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    if (line.substr(i, 2) == "**") {
      size_t end = line.find("**", i + 2);
      if (end != std::string_view::npos) {
        out += paint(s, line.substr(i + 2, end - i - 2), k_bold);
        i = end + 2;
        continue;
      }
    }
    if (line[i] == '`') {
      size_t end = line.find('`', i + 1);
      if (end != std::string_view::npos) {
        // Without colour the backticks stay: they are what marks code in plain text.
        out += s.color ? paint(s, line.substr(i + 1, end - i - 1), k_cyan)
                       : std::string(line.substr(i, end - i + 1));
        i = end + 1;
        continue;
      }
    }
    out += line[i++];
  }
  return out;
}

// The first paragraph of the statement, as plain text (for a docstring).
std::string first_paragraph(const std::string& statement) {
  std::string out;
  for (const std::string& line : split_lines(statement)) {
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!out.empty()) {
        break;
      }
      continue;
    }
    if (line.starts_with("```")) {
      break;
    }
    std::string plain;
    for (char ch : line) {
      if (ch != '*') {
        plain += ch;
      }
    }
    out += (out.empty() ? "" : "\n") + plain;
  }
  return out;
}

bool contains_word(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    auto ident = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
    bool before = at == 0 || !ident(text[at - 1]);
    bool after = at + word.size() >= text.size() || !ident(text[at + word.size()]);
    if (before && after) {
      return true;
    }
  }
  return false;
}

std::string comment_lines(const std::string& text, const std::string& prefix) {
  std::string out;
  for (const std::string& line : split_lines(text)) {
    out += prefix + line;
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    out += "\n";
  }
  return out;
}

std::string indent_docstring(const std::string& text, const std::string& indent) {
  std::string out = indent + "\"\"\"";
  std::vector<std::string> lines = split_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    // A docstring must not end early: no triple quotes or a trailing backslash inside.
    for (size_t at = line.find("\"\"\""); at != std::string::npos; at = line.find("\"\"\"")) {
      line.replace(at, 3, "'''");
    }
    out += (i ? indent : "") + line + "\n";
  }
  return out + indent + "\"\"\"\n";
}

// The node classes the judge predefines, as comments for a reader (and an editor's eye).
std::string node_classes_comment(const std::string& signature) {
  std::string out;
  if (contains_word(signature, "ListNode")) {
    out +=
        "# ListNode is predefined by the judge, as on LeetCode:\n"
        "#   class ListNode:\n"
        "#       def __init__(self, val=0, next=None):\n"
        "#           self.val = val\n"
        "#           self.next = next\n";
  }
  if (contains_word(signature, "TreeNode")) {
    out +=
        "# TreeNode is predefined by the judge, as on LeetCode:\n"
        "#   class TreeNode:\n"
        "#       def __init__(self, val=0, left=None, right=None):\n"
        "#           self.val = val\n"
        "#           self.left = left\n"
        "#           self.right = right\n";
  }
  if (contains_word(signature, "Node")) {
    out +=
        "# Node (a graph's vertex) is predefined by the judge, as on LeetCode:\n"
        "#   class Node:\n"
        "#       def __init__(self, val=0, neighbors=None):\n"
        "#           self.val = val\n"
        "#           self.neighbors = neighbors if neighbors is not None else []\n";
  }
  return out;
}

std::string typing_import(const std::string& signature) {
  std::vector<std::string> used;
  for (const char* name : {"Any", "Dict", "FrozenSet", "Generator", "Iterable", "Iterator", "List",
                           "Optional", "Set", "Tuple", "Union"}) {
    if (contains_word(signature, name)) {
      used.emplace_back(name);
    }
  }
  if (used.empty()) {
    return "";
  }
  std::string out = "from typing import ";
  for (size_t i = 0; i < used.size(); ++i) {
    out += (i ? ", " : "") + used[i];
  }
  return out + "\n";
}

std::string strip_colon(std::string line) {
  auto trim = [&] {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
      line.pop_back();
    }
  };
  trim();
  // A body the signature may carry after its colon (`: ...`, `: pass`) goes with it.
  for (std::string_view body : {"...", "pass"}) {
    if (line.ends_with(body)) {
      std::string before = line.substr(0, line.size() - body.size());
      while (!before.empty() && before.back() == ' ') {
        before.pop_back();
      }
      if (before.ends_with(':')) {
        line = before;
      }
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == ':' || line.back() == '\r')) {
    line.pop_back();
  }
  return line;
}

// The body of a stub: the signature's defs, each with a docstring (the first) and `pass`.
std::string stub_body(const Challenge& c) {
  std::string doc = first_paragraph(c.statement);
  std::string out;
  switch (c.kind) {
    case ChallengeKind::function:
    case ChallengeKind::generator: {
      out += strip_colon(c.signature) + ":\n";
      if (!doc.empty()) {
        out += indent_docstring(doc, "    ");
      }
      out += c.kind == ChallengeKind::generator ? "    yield  # your code here\n"
                                                : "    pass  # your code here\n";
      return out;
    }
    case ChallengeKind::object: {
      bool first_def = true;
      for (const std::string& raw : split_lines(c.signature)) {
        std::string line = strip_colon(raw);
        if (line.find_first_not_of(' ') == std::string::npos) {
          continue;
        }
        size_t indent = line.find_first_not_of(' ');
        if (line.compare(indent, 6, "class ") == 0) {
          out += line + ":\n";
          if (!doc.empty()) {
            out += indent_docstring(doc, std::string(indent + 4, ' '));
          }
          continue;
        }
        if (line.compare(indent, 4, "def ") == 0) {
          out += (first_def ? "\n" : "\n") + line + ":\n" + std::string(indent + 4, ' ') +
                 "pass  # your code here\n";
          first_def = false;
          continue;
        }
        out += line + "\n";
      }
      return out;
    }
    case ChallengeKind::program:
      return "import sys\n\n\ndef main() -> None:\n    data = sys.stdin.read()\n    # your code "
             "here: print the answer\n\n\nmain()\n";
    case ChallengeKind::script:
      return fmt::format("# Define `{}` here, as the statement describes.\n", c.entry);
  }
  return "";
}

}  // namespace

std::vector<CatalogueEntry> load_catalogue(const fs::path& root) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory() && fs::is_regular_file(entry.path() / "challenge.yaml", ec)) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<CatalogueEntry> out;
  for (const fs::path& d : dirs) {
    out.push_back({d, load_challenge(d)});
  }
  return out;
}

std::string status_of(const std::string& id, const std::map<std::string, ChallengeProgress>* h) {
  if (h == nullptr) {
    return "?";
  }
  auto it = h->find(id);
  if (it == h->end()) {
    return "new";
  }
  return it->second.solved ? "solved" : "attempted";
}

bool matches(const Challenge& c, const ListFilter& f, const std::string& status) {
  if (!f.difficulty.empty() && c.difficulty != f.difficulty) {
    return false;
  }
  if (!f.status.empty() && status != f.status) {
    return false;
  }
  if (f.tags.empty()) {
    return true;
  }
  return std::any_of(f.tags.begin(), f.tags.end(), [&](const std::string& t) {
    return std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end();
  });
}

std::string render_markdown(const std::string& markdown, const TtyStyle& style) {
  std::string out;
  bool in_code = false;
  for (const std::string& line : split_lines(markdown)) {
    std::string_view l = line;
    size_t lead = l.find_first_not_of(' ');
    if (lead != std::string_view::npos && l.substr(lead).starts_with("```")) {
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      out += "      " + paint(style, line, k_dim) + "\n";
      continue;
    }
    if (lead != std::string_view::npos && l[lead] == '#') {
      size_t text = l.find_first_not_of("# ", lead);
      std::string_view heading = text == std::string_view::npos ? "" : l.substr(text);
      out += "  " + paint(style, heading, k_bold) + "\n";
      continue;
    }
    out += line.empty() ? "\n" : "  " + inline_markdown(l, style) + "\n";
  }
  return out;
}

void print_challenge(std::ostream& out, const Challenge& c, const TtyStyle& style) {
  out << paint(style, fmt::format("{} · {}", c.id, c.title), k_bold);
  std::string meta = c.difficulty;
  for (const std::string& t : c.tags) {
    meta += (meta.empty() ? "" : " · ") + t;
  }
  out << paint(style, fmt::format("  ({})", meta), k_dim) << "\n\n";
  out << render_markdown(c.statement, style);
  if (!c.signature.empty()) {
    out << "\n" << paint(style, "  Signature", k_bold) << "\n";
    for (const std::string& line : split_lines(c.signature)) {
      out << "      " << line << "\n";
    }
  } else if (!c.entry.empty()) {
    out << "\n" << paint(style, "  Define", k_bold) << "  " << c.entry << "\n";
  }
  size_t samples = 0;
  for (const TestCase& t : c.tests) {
    if (!t.sample) {
      continue;
    }
    if (samples++ == 0) {
      out << "\n" << paint(style, "  Samples", k_bold) << "\n";
    }
    bool text = c.kind == ChallengeKind::program || c.kind == ChallengeKind::script;
    out << "    " << paint(style, t.name, k_bold) << "\n";
    std::string label = c.kind == ChallengeKind::script ? "test code" : "input";
    std::string input = describe_input(c, t, 2000);
    std::string expected = describe_expected(c, t, 2000);
    for (auto [name, value] : {std::pair{label, input}, {std::string("expected"), expected}}) {
      if (text && value.find('\n') != std::string::npos) {
        out << "      " << paint(style, name, k_dim) << "\n" << comment_lines(value, "        ");
      } else {
        out << fmt::format("      {:<9} {}\n", paint(style, name, k_dim), value);
      }
    }
  }
  size_t hidden = c.tests.size() - samples;
  size_t generated = c.generated ? c.generated->cases.size() : 0;
  out << "\n"
      << paint(style,
               fmt::format("  {} sample{}, {} hidden test{}{} · {} ms CPU and {} MB per test{}",
                           samples, samples == 1 ? "" : "s", hidden, hidden == 1 ? "" : "s",
                           generated ? fmt::format(" and {} generated", generated) : "",
                           c.limits.time_ms, c.limits.memory_mb,
                           c.performance ? " · timed against the reference" : ""),
               k_dim)
      << "\n";
  std::string file = default_solution_name(c.id);
  std::string name = command_name(c);
  out << fmt::format(
      "\n  Start:   pyjudge init {}\n  Samples: pyjudge test {} {}\n  Submit:  "
      "pyjudge submit {} {}\n",
      name, name, file, name, file);
}

std::string command_name(const Challenge& c) {
  std::error_code ec;
  fs::path bundled = default_challenges_root() / c.id;
  return fs::equivalent(bundled, c.dir, ec) ? c.id : c.dir.string();
}

std::string default_solution_name(const std::string& id) {
  std::string out = id;
  std::replace(out.begin(), out.end(), '-', '_');
  return out + ".py";
}

std::string starter_source(const Challenge& c, const std::string& file_name) {
  std::string header = fmt::format("# {} ({}{}) · pyjudge\n", c.title, c.id,
                                   c.difficulty.empty() ? "" : ", " + c.difficulty);
  std::string name = command_name(c);
  header += fmt::format(
      "#\n# Read it:      pyjudge show {}\n# Try samples:  pyjudge test {} {}\n# Submit:       "
      "pyjudge submit {} {}\n",
      shell_word(name), shell_word(name), shell_word(file_name), shell_word(name),
      shell_word(file_name));
  std::string samples;
  for (const TestCase& t : c.tests) {
    if (!t.sample) {
      continue;
    }
    std::string input = describe_input(c, t, 2000);
    if (c.kind == ChallengeKind::function || c.kind == ChallengeKind::generator) {
      input = fmt::format("{}({})", c.entry, input);
    }
    std::string expected = describe_expected(c, t, 2000);
    samples += fmt::format("#\n#   {}\n", t.name);
    if (input.find('\n') == std::string::npos && expected.find('\n') == std::string::npos) {
      samples += fmt::format("#     {}\n#     -> {}\n", input, expected);
      continue;
    }
    std::string label = c.kind == ChallengeKind::script ? "test code" : "input";
    samples += comment_lines(fmt::format("{}:\n{}", label, input), "#     ");
    samples += comment_lines("expected:\n" + expected, "#     ");
  }
  if (!samples.empty()) {
    header += "#\n# Samples:\n" + samples.substr(2);
  }
  if (!c.starter.empty()) {
    std::ifstream in(c.starter, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    return header + "\n" + body.str();
  }
  std::string out = header + "\n";
  if (c.kind != ChallengeKind::program && c.kind != ChallengeKind::script) {
    // Annotations stay text: the node classes need not exist when the file is run alone.
    out += "from __future__ import annotations\n" + typing_import(c.signature);
    std::string nodes = node_classes_comment(c.signature);
    out += nodes.empty() ? "" : "\n" + nodes;
    out += "\n\n";
  }
  return out + stub_body(c);
}

std::optional<Challenge> samples_only(const Challenge& c) {
  Challenge s = c;
  s.tests.clear();
  for (const TestCase& t : c.tests) {
    if (t.sample) {
      s.tests.push_back(t);
    }
  }
  if (s.generated) {
    auto& cases = s.generated->cases;
    cases.erase(std::remove_if(cases.begin(), cases.end(),
                               [](const GeneratedCase& g) { return !g.sample; }),
                cases.end());
    if (cases.empty()) {
      s.generated.reset();
    }
  }
  s.performance.reset();
  if (s.tests.empty() && !s.generated) {
    return std::nullopt;
  }
  return s;
}

std::string watch(const std::vector<fs::path>& files, const std::function<void()>& run) {
  sandbox::UniqueFd fd(inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  if (fd.get() < 0) {
    return fmt::format("inotify_init1: {}", std::strerror(errno));
  }
  // Watch each file's folder: an editor that saves by writing a new file and renaming it
  // over the old one replaces the file (and a watch on the file itself would go with it).
  std::map<int, fs::path> folders;  // watch descriptor → folder
  std::set<std::pair<fs::path, std::string>> names;
  for (const fs::path& f : files) {
    fs::path abs = fs::absolute(f).lexically_normal();
    fs::path folder = abs.parent_path();
    int wd = inotify_add_watch(fd.get(), folder.c_str(),
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB);
    if (wd < 0) {
      return fmt::format("cannot watch {}: {}", folder.string(), std::strerror(errno));
    }
    folders[wd] = folder;
    names.insert({folder, abs.filename().string()});
  }
  alignas(inotify_event) char buf[64 * 1024];
  // Reads what is queued; true when one of our files changed.
  auto drain = [&]() {
    bool ours = false;
    while (true) {
      ssize_t n = read(fd.get(), buf, sizeof buf);
      if (n <= 0) {
        return ours;
      }
      for (ssize_t at = 0; at < n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
        auto folder = folders.find(e->wd);
        if (e->len > 0 && folder != folders.end() &&
            names.contains({folder->second, std::string(e->name)})) {
          ours = true;
        }
        at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
  };
  run();
  while (true) {
    pollfd p{fd.get(), POLLIN, 0};
    int rc = poll(&p, 1, -1);
    if (rc < 0) {
      if (errno == EINTR) {
        continue;
      }
      return fmt::format("poll: {}", std::strerror(errno));
    }
    if (!drain()) {
      continue;
    }
    // An editor's save is often several events (truncate, write, close, rename): wait until
    // the folder is quiet for 100 ms, then judge once.
    while (poll(&p, 1, 100) > 0) {
      drain();
    }
    bool present = std::all_of(files.begin(), files.end(), [](const fs::path& f) {
      std::error_code ec;
      return fs::is_regular_file(f, ec);
    });
    if (present) {
      run();
    }
  }
}

}  // namespace pyjudge::judge
