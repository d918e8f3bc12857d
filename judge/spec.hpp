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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "judge/expected.hpp"
#include "judge/types.hpp"
#include "judge/value.hpp"
#include "judge/verdict.hpp"

namespace pyjudge::judge {

// `function`, `class`, `generator`, `script` and `program` in YAML.
enum class ChallengeKind { function, object, generator, script, program };
std::string_view to_string(ChallengeKind kind);

// tokens: program output, split at whitespace (see OutputSpec).
enum class CompareMode { exact, unordered, nested_unordered, set, floating, tokens };

// How a program's output is checked (kind program; Kattis' default output validator).
struct OutputSpec {
  bool case_sensitive = true;
  bool space_sensitive = false;  // whitespace must match exactly (a final newline aside)
  bool has_tolerance = false;    // numeric tokens within abs_tol or rel_tol (CompareSpec)
};

struct CompareSpec {
  CompareMode mode = CompareMode::exact;
  double abs_tol = 1e-9;  // floating, and tokens with has_tolerance
  double rel_tol = 1e-9;
  OutputSpec output;  // tokens only
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
  Value expected;             // program kind: the expected output, a str
  std::vector<Value> any_of;  // when not empty: acceptable answers, instead of `expected`
  bool has_expected = true;   // false: only the checker judges (it gets None)
  uint32_t take = 0;          // generator kind: items to pull at most
  std::string text;           // script kind: test code; program kind: stdin
  int line = 0;               // script kind: the code's first line in the spec file
};

struct TestCase {
  std::string name;
  bool sample = false;
  int points = 1;  // default: 1 for hidden tests, 0 for samples; 0 inside a group
  int group = -1;  // index into Challenge::groups, or -1
  bool generated = false;
  Location where;
  // One call, except for the class kind (its op sequence).
  std::vector<Call> calls;
};

// Tests scored together: the group's points are earned only when all of its tests pass.
struct TestGroup {
  std::string name;
  int points = 1;
  bool sample = false;
  Location where;
};

// A generated test: `generate(seed, **params)` from the generator file makes its input;
// the reference's answer is its expected value (see judge/generate.hpp).
struct GeneratedCase {
  std::string name;
  int64_t seed = 0;
  Value params = Value::dict({});  // keyword arguments, a dict with str keys
  bool sample = false;
  int points = 1;
  uint32_t take = 0;  // generator kind
  Location where;
};

struct Generated {
  std::filesystem::path generator;  // absolute
  std::vector<GeneratedCase> cases;
  Location where;
};

// Speed and growth against the reference (judge/perf.hpp): inputs of each size come from
// `generate(seed, n=size, **params)`; candidate and reference are timed interleaved.
struct Performance {
  std::filesystem::path generator;  // absolute
  std::vector<int64_t> sizes;       // ascending, ≥ 3, spanning ≥ 4× (16× recommended)
  int64_t seed = 1;
  Value params = Value::dict({});
  std::optional<double> max_ratio;  // slower than this × the reference fails the run
  Location where;
};

// A known-wrong solution and the verdict `pyjudge validate` must see for it (a Kattis
// package's other accepted solutions are here too, with AC).
struct WrongSolution {
  std::filesystem::path file;  // absolute
  Verdict expect = Verdict::WA;
  Location where;
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
  FunctionSignature function;  // kinds function and generator
  ClassSignature object;       // kind class
  Type returns;                // kind script: what test code returns; generator: one item
  std::string helpers;         // kind script: code run before each test's code
  int helpers_line = 0;
  int observe = -1;          // kind function, `in_place`: the parameter compared after the call
  bool fresh_nodes = false;  // kind function: the result may not reuse an argument's node
  CompareSpec compare;
  Limits limits;
  std::filesystem::path reference;  // absolute
  std::filesystem::path checker;    // absolute, or empty: compare by `compare`
  // What `pyjudge init` writes for a candidate to start from (absolute), or empty: a stub
  // made from the signature.
  std::filesystem::path starter;
  std::vector<TestGroup> groups;
  std::vector<TestCase> tests;  // hand-written ones; generated ones are appended later
  std::optional<Generated> generated;
  std::optional<Performance> performance;
  std::vector<WrongSolution> wrong;
  // A Kattis problem package (problem.yaml, data/, submissions/) rather than challenge.yaml.
  bool kattis = false;
};

// Loads DIR/challenge.yaml, or a Kattis problem package (DIR/problem.yaml, see kattis.hpp).
// Never throws for bad input; the error text is ready to print.
Expected<Challenge> load_challenge(const std::filesystem::path& dir);

// Sample tests before hidden ones, each kept in its order. Tests run in one process, in
// this order, so a solution that keeps what it was called with cannot print a hidden
// test's input in a sample's output: when a sample runs, no hidden test has run yet.
void samples_first(std::vector<TestCase>& tests);

// Resolves a CLI argument: a path to a challenge folder (or its challenge.yaml), or the id
// of a bundled challenge under `challenges_root`.
Expected<std::filesystem::path> find_challenge(const std::string& arg,
                                               const std::filesystem::path& challenges_root);

// The bundled challenges folder: $PYJUDGE_CHALLENGES, else the one next to the binary's
// install prefix, else that of the source tree whose build/bin holds the binary, else the
// source tree it was built from.
std::filesystem::path default_challenges_root();

}  // namespace pyjudge::judge
