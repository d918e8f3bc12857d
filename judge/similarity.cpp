#include "judge/similarity.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pyjudge::judge {

namespace {

bool is_keyword(std::string_view s) {
  static const std::set<std::string_view> k = {
      "False",   "None",     "True",     "and",    "as",   "assert", "async",  "await",
      "break",   "class",    "continue", "def",    "del",  "elif",   "else",   "except",
      "finally", "for",      "from",     "global", "if",   "import", "in",     "is",
      "lambda",  "nonlocal", "not",      "or",     "pass", "raise",  "return", "try",
      "while",   "with",     "yield",    "match",  "case"};
  return k.contains(s);
}

bool ident_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool ident_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}

// A string literal's prefix (r, b, f, u and their pairs) when a quote follows it.
size_t string_prefix(std::string_view s, size_t i) {
  size_t n = 0;
  while (n < 2 && i + n < s.size() &&
         std::string_view("rRbBfFuU").find(s[i + n]) != std::string_view::npos) {
    ++n;
  }
  for (size_t len = n;; --len) {
    if (i + len < s.size() && (s[i + len] == '\'' || s[i + len] == '"')) {
      return len + 1;  // prefix and the quote
    }
    if (len == 0) {
      return 0;
    }
  }
}

uint64_t fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= 0xff;  // separator
  h *= 1099511628211ULL;
  return h;
}

}  // namespace

std::vector<PyToken> python_tokens(std::string_view s) {
  static const std::array<std::string_view, 23> multi = {
      "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "<<", ">>", "<=", ">=",
      "==",  "!=",  "+=",  "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", ":="};
  std::vector<PyToken> out;
  int line = 1;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (std::isspace(c) || c == '\\') {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') {
        ++i;
      }
      continue;
    }
    if (size_t p = ident_start(c) ? string_prefix(s, i) : (c == '\'' || c == '"' ? 1 : 0); p > 0) {
      int start_line = line;
      size_t q = i + p - 1;  // the opening quote
      char quote = s[q];
      bool triple = s.substr(q, 3) == std::string(3, quote);
      size_t j = q + (triple ? 3 : 1);
      while (j < s.size()) {
        if (s[j] == '\\') {
          j += 2;
          continue;
        }
        if (s[j] == '\n') {
          if (!triple) {
            break;  // an unterminated string ends at its line
          }
          ++line;
        }
        if (s[j] == quote && (!triple || s.substr(j, 3) == std::string(3, quote))) {
          j += triple ? 3 : 1;
          break;
        }
        ++j;
      }
      out.push_back({"STR", start_line});
      i = std::min(j, s.size());
      continue;
    }
    if (ident_start(c)) {
      size_t j = i;
      while (j < s.size() && ident_char(static_cast<unsigned char>(s[j]))) {
        ++j;
      }
      std::string_view word = s.substr(i, j - i);
      out.push_back({is_keyword(word) ? std::string(word) : "ID", line});
      i = j;
      continue;
    }
    if (std::isdigit(c) ||
        (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size()) {
        unsigned char d = s[j];
        if (std::isalnum(d) || d == '_' || d == '.') {
          ++j;
        } else if ((d == '+' || d == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E')) {
          ++j;
        } else {
          break;
        }
      }
      out.push_back({"NUM", line});
      i = j;
      continue;
    }
    size_t len = 1;
    for (std::string_view m : multi) {
      if (s.substr(i, m.size()) == m) {
        len = m.size();
        break;
      }
    }
    out.push_back({std::string(s.substr(i, len)), line});
    i += len;
  }
  return out;
}

std::vector<Fingerprint> fingerprints(const std::vector<PyToken>& tokens,
                                      const FingerprintOptions& o) {
  std::vector<uint64_t> grams;
  if (tokens.size() >= o.k) {
    for (size_t i = 0; i + o.k <= tokens.size(); ++i) {
      uint64_t h = 1469598103934665603ULL;
      for (size_t j = i; j < i + o.k; ++j) {
        h = fnv(h, tokens[j].norm);
      }
      grams.push_back(h);
    }
  }
  std::vector<Fingerprint> out;
  if (grams.empty()) {
    return out;
  }
  size_t w = std::min<size_t>(o.w, grams.size());
  size_t last = SIZE_MAX;
  for (size_t start = 0; start + w <= grams.size(); ++start) {
    size_t best = start;
    for (size_t j = start; j < start + w; ++j) {
      if (grams[j] <= grams[best]) {
        best = j;  // the rightmost minimum
      }
    }
    if (best != last) {
      out.push_back({grams[best], static_cast<uint32_t>(best)});
      last = best;
    }
  }
  return out;
}

std::vector<SimilarPair> similar_pairs(const std::vector<SimilarityInput>& inputs,
                                       const SimilarityOptions& o) {
  struct File {
    std::vector<PyToken> tokens;
    std::unordered_map<uint64_t, std::vector<uint32_t>> at;  // hash → k-gram starts
  };
  std::vector<File> files(inputs.size());
  std::unordered_map<uint64_t, size_t> df;  // how many files hold each hash
  for (size_t i = 0; i < inputs.size(); ++i) {
    files[i].tokens = python_tokens(inputs[i].source);
    for (const Fingerprint& f : fingerprints(files[i].tokens, o.fp)) {
      auto& starts = files[i].at[f.hash];
      if (starts.empty()) {
        ++df[f.hash];
      }
      starts.push_back(f.token);
    }
  }
  std::unordered_set<uint64_t> excluded;
  if (!o.template_source.empty()) {
    for (const Fingerprint& f : fingerprints(python_tokens(o.template_source), o.fp)) {
      excluded.insert(f.hash);
    }
  }
  double common = std::max(2.0, o.common_fraction * static_cast<double>(inputs.size()));
  for (const auto& [h, n] : df) {
    if (static_cast<double>(n) > common) {
      excluded.insert(h);
    }
  }
  std::vector<size_t> counted(files.size(), 0);
  for (size_t i = 0; i < files.size(); ++i) {
    for (const auto& [h, starts] : files[i].at) {
      counted[i] += excluded.contains(h) ? 0 : 1;
    }
  }
  std::vector<SimilarPair> pairs;
  for (size_t a = 0; a < files.size(); ++a) {
    for (size_t b = a + 1; b < files.size(); ++b) {
      const File& fa = files[a];
      const File& fb = files[b];
      const File& small = fa.at.size() <= fb.at.size() ? fa : fb;
      const File& large = &small == &fa ? fb : fa;
      uint32_t shared = 0;
      // Matches as (start in a, start in b).
      std::vector<std::pair<uint32_t, uint32_t>> matches;
      for (const auto& [h, starts] : small.at) {
        if (excluded.contains(h)) {
          continue;
        }
        auto other = large.at.find(h);
        if (other == large.at.end()) {
          continue;
        }
        ++shared;
        const auto& sa = &small == &fa ? starts : other->second;
        const auto& sb = &small == &fa ? other->second : starts;
        // A k-gram repeated in both files pairs every copy with every other; a few suffice.
        for (size_t x = 0; x < std::min<size_t>(sa.size(), 8); ++x) {
          for (size_t y = 0; y < std::min<size_t>(sb.size(), 8); ++y) {
            matches.emplace_back(sa[x], sb[y]);
          }
        }
      }
      if (shared < o.min_shared) {
        continue;
      }
      SimilarPair p;
      p.a = a;
      p.b = b;
      p.shared = shared;
      size_t denom = std::min(counted[a], counted[b]);
      p.similarity =
          denom == 0 ? 0 : std::min(1.0, static_cast<double>(shared) / static_cast<double>(denom));
      // Runs of matches on one diagonal (the same offset between the files) are one fragment.
      std::sort(matches.begin(), matches.end(), [](const auto& x, const auto& y) {
        int64_t dx = static_cast<int64_t>(x.second) - x.first;
        int64_t dy = static_cast<int64_t>(y.second) - y.first;
        return dx != dy ? dx < dy : x.first < y.first;
      });
      std::vector<SharedFragment> runs;
      uint32_t gap = o.fp.k + o.fp.w;
      for (size_t i = 0; i < matches.size();) {
        size_t j = i;
        int64_t d = static_cast<int64_t>(matches[i].second) - matches[i].first;
        while (j + 1 < matches.size() &&
               static_cast<int64_t>(matches[j + 1].second) - matches[j + 1].first == d &&
               matches[j + 1].first <= matches[j].first + gap) {
          ++j;
        }
        uint32_t a_first = matches[i].first;
        uint32_t a_last = std::min<uint32_t>(matches[j].first + o.fp.k - 1,
                                             static_cast<uint32_t>(fa.tokens.size() - 1));
        uint32_t b_first = matches[i].second;
        uint32_t b_last = std::min<uint32_t>(matches[j].second + o.fp.k - 1,
                                             static_cast<uint32_t>(fb.tokens.size() - 1));
        runs.push_back({fa.tokens[a_first].line, fa.tokens[a_last].line, fb.tokens[b_first].line,
                        fb.tokens[b_last].line, a_last - a_first + 1});
        i = j + 1;
      }
      std::sort(runs.begin(), runs.end(), [](const SharedFragment& x, const SharedFragment& y) {
        return x.tokens > y.tokens;
      });
      if (runs.size() > 8) {
        runs.resize(8);
      }
      if (!runs.empty()) {
        p.longest = runs[0];
      }
      p.fragments = std::move(runs);
      pairs.push_back(std::move(p));
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const SimilarPair& x, const SimilarPair& y) {
    return x.similarity != y.similarity ? x.similarity > y.similarity : x.shared > y.shared;
  });
  return pairs;
}

}  // namespace pyjudge::judge
