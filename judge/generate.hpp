// Generated tests: `generate(seed, **params)` from the challenge's generator file makes
// each case's input, in a sandboxed harness that runs no candidate code; the reference
// solution's answers become the expected values. Both are cached on disk, keyed by a
// SHA-256 of the spec, the generator, the reference and every case's seed and params, so a
// changed file or seed regenerates and an unchanged challenge costs nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "judge/expected.hpp"
#include "judge/spec.hpp"

namespace pyjudge::judge {

struct GenerateOptions {
  std::filesystem::path harness_exe;
  std::filesystem::path cache_dir;  // empty: no cache
  bool unsafe = false;
};

// $PYJUDGE_CACHE, else $XDG_CACHE_HOME/pyjudge, else ~/.cache/pyjudge.
std::filesystem::path default_cache_dir();

// SHA-256 of `bytes` in lower-case hex (as sha256sum prints it).
std::string sha256_hex(std::string_view bytes);

// The generated tests' inputs, without expected values (validate runs this twice to prove
// the generator deterministic).
Expected<std::vector<TestCase>> generate_inputs(const Challenge& c, const GenerateOptions& o);

// The same for any cases and generator file (performance inputs use it too).
Expected<std::vector<TestCase>> generate_cases(const Challenge& c,
                                               const std::filesystem::path& generator,
                                               const std::vector<GeneratedCase>& cases,
                                               const GenerateOptions& o);

// Appends the generated tests, with the reference's answers, to c.tests (from the cache when
// it holds them). Returns an error ready to print, naming the case and its spec position.
std::optional<std::string> materialize(Challenge& c, const GenerateOptions& o,
                                       bool* from_cache = nullptr);

}  // namespace pyjudge::judge
