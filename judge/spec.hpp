// The challenge model and its loader.
//
// A challenge is a folder: challenge.yaml plus Python files next to it (reference.py, …).
// load_challenge() turns it into a typed Challenge or an error of the form
// "path/challenge.yaml:LINE:COL: what is wrong — what to do". Every argument and expected
// value is typed by the challenge's signature while loading, so a spec whose values do not
// fit its own signature never reaches the judge.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "judge/expected.hpp"
#include "judge/types.hpp"
#include "judge/value.hpp"

namespace pyjudge::judge {

enum class ChallengeKind { function, object };  // `function` and `class` in YAML

enum class CompareMode { exact, unordered, nested_unordered, floating };

struct CompareSpec {
  CompareMode mode = CompareMode::exact;
  double abs_tol = 1e-9;  // floating only
  double rel_tol = 1e-9;
  [[nodiscard]] std::string to_string() const;
};

struct Limits {
  uint32_t time_ms = 2000;   // CPU time per test
  uint32_t memory_mb = 256;  // data limit of the child interpreter (includes ~10 MB of Python)
  uint32_t output_mb = 16;   // printed output per test, and the size of one returned value
  // Wall-clock limit per test: covers sleeping and blocking, which cost no CPU time.
  [[nodiscard]] uint32_t wall_ms() const { return 2 * time_ms + 1000; }
};

struct Location {
  std::string file;
  int line = 0;  // 1-based; 0 = unknown
  int column = 0;
  [[nodiscard]] std::string to_string() const;
};

struct Call {
  std::string method;  // the class name for the constructor
  std::vector<Value> args;
  Value expected;
};

struct TestCase {
  std::string name;
  bool sample = false;
  int points = 1;  // default: 1 for hidden tests, 0 for samples
  Location where;
  // function kind: exactly one call (method = entry); class kind: the op sequence.
  std::vector<Call> calls;
};

struct Challenge {
  std::filesystem::path dir;
  std::filesystem::path spec_file;
  std::string id;
  std::string title;
  std::string difficulty;
  std::vector<std::string> tags;
  std::string statement;
  ChallengeKind kind = ChallengeKind::function;
  std::string entry;
  std::string signature;       // as written in the spec
  FunctionSignature function;  // kind function
  ClassSignature object;       // kind class
  CompareSpec compare;
  Limits limits;
  std::filesystem::path reference;  // absolute
  std::vector<TestCase> tests;
};

// Loads DIR/challenge.yaml. Never throws for bad input; the error text is ready to print.
Expected<Challenge> load_challenge(const std::filesystem::path& dir);

// Resolves a CLI argument: a path to a challenge folder (or its challenge.yaml), or the id
// of a bundled challenge under `challenges_root`.
Expected<std::filesystem::path> find_challenge(const std::string& arg,
                                               const std::filesystem::path& challenges_root);

// The bundled challenges folder: $PYJUDGE_CHALLENGES, else the one next to the binary's
// install prefix, else the source tree's.
std::filesystem::path default_challenges_root();

}  // namespace pyjudge::judge
