// `pyjudge validate`: proves a challenge right before a candidate sees it.
//   spec        it loads (every schema error with file:line:col)
//   samples     at least one sample test
//   wrong/      every .py file under wrong/ is declared in `wrong`
//   generator   generate() gives the same inputs twice (deterministic)
//   reference   the reference solution passes every test (checker included)
//   wrong …     each declared wrong solution gets the verdict the spec declares
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pyjudge::judge {

struct ValidateOptions {
  std::filesystem::path harness_exe;
  std::filesystem::path cache_dir;
  bool unsafe = false;
};

struct Check {
  std::string name;  // "spec", "reference", "wrong/slow.py", …
  bool ok = false;
  std::string detail;
};

struct Validation {
  std::filesystem::path dir;
  bool loaded = false;  // false: the spec has errors (the first check says which)
  std::vector<Check> checks;
  [[nodiscard]] bool ok() const;
};

Validation validate(const std::filesystem::path& dir, const ValidateOptions& options);

}  // namespace pyjudge::judge
