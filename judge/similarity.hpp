// Similarity between candidates' Python files, for an interviewer's batch: token-level
// fingerprints by winnowing (Schleimer, Wilkerson and Aiken, 2003).
//
//   tokens       Python source → tokens; identifiers become one token and literals another
//                (renaming variables or changing constants changes nothing), comments and
//                blank lines are dropped, keywords, operators and structure are kept
//   fingerprints hashes of every k consecutive tokens; from each window of w hashes, the
//                smallest (rightmost on ties) is kept, with where it starts
//   similarity   shared fingerprints over the smaller file's, after dropping those of the
//                starter code and those that most files share (boilerplate everyone writes)
//
// It flags pairs worth a human look; it proves nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pyjudge::judge {

struct PyToken {
  std::string norm;  // what is compared: "ID", "NUM", "STR", or the token itself
  int line = 0;      // 1-based line in the source
};

// Never fails: text it cannot tokenise is taken character by character.
std::vector<PyToken> python_tokens(std::string_view source);

struct Fingerprint {
  uint64_t hash = 0;
  uint32_t token = 0;  // index of the k-gram's first token
};

struct FingerprintOptions {
  uint32_t k = 12;  // tokens per k-gram: shorter shared runs are noise
  uint32_t w = 8;   // winnowing window: any shared run of w + k - 1 tokens is caught
};

std::vector<Fingerprint> fingerprints(const std::vector<PyToken>& tokens,
                                      const FingerprintOptions& o = {});

struct SimilarityInput {
  std::string name;
  std::string source;
};

struct SharedFragment {
  int a_first = 0;  // lines in a's source
  int a_last = 0;
  int b_first = 0;  // lines in b's source
  int b_last = 0;
  uint32_t tokens = 0;  // its length in tokens
};

struct SimilarPair {
  size_t a = 0;  // indexes into the inputs
  size_t b = 0;
  double similarity = 0;  // 0–1: shared fingerprints over the smaller set
  uint32_t shared = 0;    // fingerprints in common (after exclusions)
  SharedFragment longest;
  std::vector<SharedFragment> fragments;  // the shared runs, longest first (at most 8)
};

struct SimilarityOptions {
  FingerprintOptions fp;
  std::string template_source;   // starter code: its fingerprints never count
  double common_fraction = 0.5;  // a fingerprint in more than this share of files is ignored
  size_t min_shared = 3;         // pairs with fewer shared fingerprints are left out
};

// Every pair with something in common, highest similarity first.
std::vector<SimilarPair> similar_pairs(const std::vector<SimilarityInput>& inputs,
                                       const SimilarityOptions& o = {});

}  // namespace pyjudge::judge
