// Reading a YAML file for people: every error names file:line:col and says what to do
// (unknown keys get a "did you mean"). The challenge loader (spec.cpp) and the grading
// manifest (grade.cpp) read their files through it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "judge/spec.hpp"
#include "judge/value.hpp"

namespace pyjudge::judge {

// Thrown inside a loader only; its public function turns it into an Error.
struct SpecError {
  Location where;
  std::string message;
};

// Levenshtein distance, for "did you mean" on a misspelt key.
size_t edit_distance(std::string_view a, std::string_view b);

// Where in `text` (the contents of `file`) the first byte that is not part of a UTF-8
// character is. YAML is UTF-8; yaml-cpp would pass such bytes on into titles and strings.
inline std::optional<Location> first_non_utf8(const std::filesystem::path& file,
                                              std::string_view text) {
  if (is_utf8(text)) {
    return std::nullopt;
  }
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (n <= 4 && !is_utf8(text.substr(i, n))) {
      ++n;
    }
    if (n > 4) {
      return Location{file.string(), line, column};
    }
    if (text[i] == '\n') {
      ++line;
      column = 0;
    }
    ++column;
    i += n;
  }
  return Location{file.string()};
}

class YamlFile {
 public:
  explicit YamlFile(std::filesystem::path file) : file_(std::move(file)) {}

 private:
  // The commonest cause of a syntax error yaml-cpp names only by its effect.
  [[nodiscard]] std::string tab_hint(const YAML::Mark& mark) const {
    if (mark.is_null()) {
      return "";
    }
    size_t start = 0;
    for (int line = 0; line < mark.line && start != std::string::npos; ++line) {
      start = source_.find('\n', start);
      start = start == std::string::npos ? start : start + 1;
    }
    if (start == std::string::npos) {
      return "";
    }
    size_t end = source_.find_first_not_of(" \t", start);
    std::string_view indent = std::string_view(source_).substr(
        start, (end == std::string::npos ? source_.size() : end) - start);
    return indent.find('\t') != std::string_view::npos
               ? " (this line is indented with a tab: YAML indents with spaces only)"
               : "";
  }

 protected:
  YAML::Node parse() {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      throw SpecError{{file_.string()}, "cannot read the file"};
    }
    std::stringstream ss;
    ss << in.rdbuf();
    source_ = ss.str();
    if (auto bad = first_non_utf8(file_, source_)) {
      throw SpecError{*bad,
                      "the file is not UTF-8 text here (a byte no UTF-8 character has); "
                      "save it as UTF-8"};
    }
    try {
      std::vector<YAML::Node> docs = YAML::LoadAll(source_);
      if (docs.size() > 1) {
        // yaml-cpp's Load would read the first and drop the rest without a word.
        throw SpecError{at(docs[1].Mark()),
                        "a second YAML document (after a `---` line): the file is one document; "
                        "remove the `---` or merge what follows it into the first"};
      }
      return docs.empty() ? YAML::Node() : docs[0];
    } catch (const YAML::Exception& e) {
      throw SpecError{at(e.mark), "YAML syntax error: " + e.msg + tab_hint(e.mark)};
    }
  }

  [[nodiscard]] Location at(const YAML::Mark& m) const {
    if (m.is_null() || m.line < 0) {
      return {file_.string()};
    }
    return {file_.string(), m.line + 1, m.column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& node, std::string message) const {
    throw SpecError{node.IsDefined() ? at(node.Mark()) : Location{file_.string()},
                    std::move(message)};
  }

  // Rejects unknown and duplicate keys; returns the keys present.
  std::set<std::string, std::less<>> check_keys(const YAML::Node& map,
                                                const std::set<std::string, std::less<>>& known,
                                                std::string_view what) {
    std::set<std::string, std::less<>> seen;
    for (const auto& kv : map) {
      const YAML::Node& key = kv.first;
      if (!key.IsScalar()) {
        fail(key, fmt::format("{} keys must be plain words", what));
      }
      const std::string& k = key.Scalar();
      if (!known.contains(k)) {
        std::string list;
        std::string closest;
        size_t best = 3;  // suggest only a near miss: at most two edits
        for (const auto& n : known) {
          list += (list.empty() ? "" : ", ") + n;
          if (size_t d = edit_distance(k, n); d < best) {
            best = d;
            closest = n;
          }
        }
        fail(key, closest.empty()
                      ? fmt::format("unknown key `{}` in {} (known keys: {})", k, what, list)
                      : fmt::format("unknown key `{}` in {}: did you mean `{}`? (known keys: {})",
                                    k, what, closest, list));
      }
      if (!seen.insert(k).second) {
        fail(key, fmt::format("duplicate key `{}` in {}", k, what));
      }
    }
    return seen;
  }

  YAML::Node required(const YAML::Node& map, const std::set<std::string, std::less<>>& keys,
                      const char* key) {
    if (!keys.contains(key)) {
      fail(map, fmt::format("missing required key `{}`", key));
    }
    return map[key];
  }

  std::string text(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      fail(node, fmt::format("`{}` must be text", what));
    }
    return node.Scalar();
  }

  std::vector<std::string> text_list(const YAML::Node& node, std::string_view what) {
    if (!node.IsSequence()) {
      fail(node, fmt::format("`{}` must be a list, e.g. [array, hash-map]", what));
    }
    std::vector<std::string> out;
    for (const auto& item : node) {
      out.push_back(text(item, what));
    }
    return out;
  }

  int64_t integer(const YAML::Node& node, std::string_view what, int64_t lo, int64_t hi) {
    std::string s = text(node, what);
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0 || v < lo || v > hi) {
      fail(node,
           fmt::format("`{}` must be a whole number from {} to {}, got `{}`", what, lo, hi, s));
    }
    return v;
  }

  bool boolean(const YAML::Node& node, std::string_view what) {
    std::string s = text(node, what);
    if (s == "true" || s == "True") {
      return true;
    }
    if (s == "false" || s == "False") {
      return false;
    }
    fail(node, fmt::format("`{}` must be true or false, got `{}`", what, s));
  }

  std::filesystem::path file_;
  std::string source_;  // the file's text, once parsed
};

}  // namespace pyjudge::judge
