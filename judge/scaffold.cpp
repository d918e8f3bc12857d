#include "judge/scaffold.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <vector>

namespace pyjudge::judge {

namespace fs = std::filesystem;

namespace {

struct File {
  std::string path;
  std::string text;
};

// The schema comment lets yaml-language-server complete and check the spec in editors.
std::string header(const std::string& id, std::string_view kind) {
  fs::path schema =
      fs::path(PYJUDGE_SOURCE_CHALLENGES).parent_path() / "docs" / "challenge.schema.json";
  std::error_code ec;
  std::string modeline = fs::is_regular_file(schema, ec)
                             ? fmt::format("# yaml-language-server: $schema={}\n", schema.string())
                             : "";
  return fmt::format(
      "{}"
      "# The spec language: docs/spec.md. Check this challenge with `pyjudge validate {}`.\n"
      "id: {}\n"
      "title: {}\n"
      "difficulty: easy\n"
      "tags: [draft]\n"
      "kind: {}\n",
      modeline, id, id, id, kind);
}

std::vector<File> function_files(const std::string& id, const std::string& name) {
  return {
      {"challenge.yaml", header(id, "function") + fmt::format(R"(statement: |
  Return the largest sum of two different elements of `nums`.

  Constraints: 2 <= len(nums) <= 10^5, -10^9 <= nums[i] <= 10^9.

  Example: nums = [3, 9, 4] → 13.
entry: {name}
signature: "def {name}(nums: list[int]) -> int"
limits: {{time_ms: 1000, memory_mb: 256}}
reference: reference.py
tests:
  - {{name: example, sample: true, args: [[3, 9, 4]], expected: 13}}
  - {{name: two elements, args: [[1, 2]], expected: 3}}
  - {{name: negatives, args: [[-5, -1, -3]], expected: -4}}
  - {{name: repeated maximum, args: [[7, 7, 1]], expected: 14}}
generated:
  generator: generator.py
  cases:
    - {{seed: 1, params: {{n: 1000}}}}
    - {{seed: 2, params: {{n: 100000}}}}
wrong:
  - {{file: wrong/max_twice.py, expect: WA}}
)",
                                                              fmt::arg("name", name))},
      {"reference.py", fmt::format(R"(import heapq


def {name}(nums: list[int]) -> int:
    a, b = heapq.nlargest(2, nums)
    return a + b
)",
                                   fmt::arg("name", name))},
      {"generator.py", R"(import random


def generate(seed, n):
    """The arguments of one test: a list with one value per parameter."""
    rng = random.Random(seed)
    return [[rng.randint(-10**9, 10**9) for _ in range(n)]]
)"},
      {"wrong/max_twice.py",
       fmt::format(R"("""Adds the maximum to itself: wrong when it occurs once."""


def {name}(nums: list[int]) -> int:
    return 2 * max(nums)
)",
                   fmt::arg("name", name))},
  };
}

std::vector<File> class_files(const std::string& id) {
  return {
      {"challenge.yaml", header(id, "class") + R"(statement: |
  Implement `Counter`: `Counter(start)` begins at `start`; `add(n)` adds `n` and returns
  nothing; `value()` returns the current count; `reset()` goes back to `start`.
entry: Counter
signature: |
  class Counter:
      def __init__(self, start: int) -> None
      def add(self, n: int) -> None
      def value(self) -> int
      def reset(self) -> None
reference: reference.py
tests:
  - name: example
    sample: true
    ops: [Counter, add, value, reset, value]
    args: [[5], [3], [], [], []]
    expected: [null, null, 8, null, 5]
  - name: many adds
    ops: [Counter, add, add, add, value]
    args: [[0], [1], [2], [3], []]
    expected: [null, null, null, null, 6]
  - name: reset twice
    ops: [Counter, add, reset, add, reset, value]
    args: [[-1], [10], [], [4], [], []]
    expected: [null, null, null, null, null, -1]
wrong:
  - {file: wrong/reset_to_zero.py, expect: WA}
)"},
      {"reference.py", R"(class Counter:
    def __init__(self, start: int) -> None:
        self.start = start
        self.count = start

    def add(self, n: int) -> None:
        self.count += n

    def value(self) -> int:
        return self.count

    def reset(self) -> None:
        self.count = self.start
)"},
      {"wrong/reset_to_zero.py", R"("""Resets to 0 instead of the start value."""


class Counter:
    def __init__(self, start: int) -> None:
        self.count = start

    def add(self, n: int) -> None:
        self.count += n

    def value(self) -> int:
        return self.count

    def reset(self) -> None:
        self.count = 0
)"},
  };
}

std::string count_to(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += (i ? ", " : "") + std::to_string(i);
  }
  return s;
}

std::vector<File> generator_files(const std::string& id, const std::string& name) {
  return {
      {"challenge.yaml", header(id, "generator") + fmt::format(R"(statement: |
  Write a generator `{name}(step)` that yields 0, step, 2·step, … forever.
entry: {name}
signature: "def {name}(step: int) -> Iterator[int]"
reference: reference.py
tests:
  - {{name: example, sample: true, args: [2], take: 4, expected: [0, 2, 4, 6]}}
  - {{name: first only, args: [5], take: 1, expected: [0]}}
  - {{name: negative step, args: [-3], take: 3, expected: [0, -3, -6]}}
  - {{name: it never stops, args: [1], take: 20, expected: [{items}]}}
wrong:
  - {{file: wrong/finite.py, expect: WA}}
)",
                                                               fmt::arg("name", name),
                                                               fmt::arg("items", count_to(20)))},
      {"reference.py", fmt::format(R"(from typing import Iterator


def {name}(step: int) -> Iterator[int]:
    value = 0
    while True:
        yield value
        value += step
)",
                                   fmt::arg("name", name))},
      {"wrong/finite.py", fmt::format(R"("""Stops after 10 items."""


def {name}(step: int):
    for i in range(10):
        yield i * step
)",
                                      fmt::arg("name", name))},
  };
}

std::vector<File> script_files(const std::string& id) {
  return {
      {"challenge.yaml", header(id, "script") + R"(statement: |
  Write a decorator `count_calls` that counts how often the decorated function was called,
  in an attribute `calls` of the wrapper, and keeps the function's return value and
  `__name__`.
entry: count_calls
returns: "list[Any]"
helpers: |
  def double(x):
      return 2 * x
reference: reference.py
starter: starter.py
tests:
  - name: example
    sample: true
    code: |
      f = solution.count_calls(double)
      results = [f(1), f(2)]
      return [results, f.calls]
    expected: [[2, 4], 2]
  - name: keeps the name
    code: |
      f = solution.count_calls(double)
      return [f.__name__, f.calls]
    expected: [double, 0]
  - name: counts each wrapper apart
    code: |
      f = solution.count_calls(double)
      g = solution.count_calls(double)
      f(1)
      f(1)
      g(1)
      return [f.calls, g.calls]
    expected: [2, 1]
wrong:
  - {file: wrong/no_wraps.py, expect: WA}
)"},
      {"reference.py", R"(import functools


def count_calls(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper
)"},
      {"starter.py", R"(import functools


def count_calls(func):
    """Return a wrapper that counts its calls in `wrapper.calls` and keeps func's name."""
    pass  # your code here
)"},
      {"wrong/no_wraps.py", R"("""Forgets functools.wraps: the wrapper's __name__ is `wrapper`."""


def count_calls(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper
)"},
  };
}

std::vector<File> program_files(const std::string& id) {
  return {
      {"challenge.yaml", header(id, "program") + R"(statement: |
  The first line holds N; the next N lines hold one integer each. Print their sum.
output: {case_sensitive: true}
reference: reference.py
tests:
  - name: example
    sample: true
    input: |
      3
      1
      2
      3
    output: |
      6
  - name: none
    input: |
      0
    output: |
      0
  - name: negative
    input: |
      2
      -5
      3
    output: |
      -2
wrong:
  - {file: wrong/skips_first.py, expect: WA}
)"},
      {"reference.py", R"(import sys

data = sys.stdin.read().split()
n = int(data[0])
print(sum(int(x) for x in data[1 : n + 1]))
)"},
      {"wrong/skips_first.py", R"("""Skips the first number."""
import sys

data = sys.stdin.read().split()
n = int(data[0])
print(sum(int(x) for x in data[2 : n + 1]))
)"},
  };
}

}  // namespace

std::optional<ChallengeKind> kind_from_string(std::string_view s) {
  for (ChallengeKind k : {ChallengeKind::function, ChallengeKind::object, ChallengeKind::generator,
                          ChallengeKind::script, ChallengeKind::program}) {
    if (to_string(k) == s) {
      return k;
    }
  }
  return std::nullopt;
}

Expected<fs::path> scaffold(const fs::path& parent, const std::string& id, ChallengeKind kind) {
  static const std::regex id_re(R"([a-z][a-z0-9]*(-[a-z0-9]+)*)");
  if (!std::regex_match(id, id_re)) {
    return Error{
        fmt::format("`{}` is not a challenge id: use lower-case words joined by "
                    "hyphens, e.g. two-sum",
                    id)};
  }
  fs::path dir = parent / id;
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) {
    return Error{
        fmt::format("--dir {}: no such folder; create it first, or give another", parent.string())};
  }
  if (fs::exists(dir, ec)) {
    return Error{
        fmt::format("{} already exists; pyjudge new never overwrites: pick another id "
                    "or remove it",
                    dir.string())};
  }
  std::string name = id;
  std::replace(name.begin(), name.end(), '-', '_');
  std::vector<File> files;
  switch (kind) {
    case ChallengeKind::function:
      files = function_files(id, name);
      break;
    case ChallengeKind::object:
      files = class_files(id);
      break;
    case ChallengeKind::generator:
      files = generator_files(id, name);
      break;
    case ChallengeKind::script:
      files = script_files(id);
      break;
    case ChallengeKind::program:
      files = program_files(id);
      break;
  }
  // Written under a temporary name of its own and renamed at the end: never a half-made
  // challenge, and nothing of the user's removed.
  fs::path tmp = parent / fmt::format(".{}.new-{}", id, getpid());
  if (!fs::create_directory(tmp, ec)) {
    return Error{fmt::format("cannot create a folder in {}: {}", parent.string(),
                             ec ? ec.message() : tmp.string() + " exists")};
  }
  for (const File& f : files) {
    fs::path p = tmp / f.path;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary);
    out << f.text;
    out.flush();
    if (ec || !out) {
      std::string why = ec ? ec.message() : std::strerror(errno);
      fs::remove_all(tmp, ec);
      return Error{fmt::format("cannot write {}: {}", p.string(), why)};
    }
  }
  fs::rename(tmp, dir, ec);
  if (ec) {
    std::string why = ec.message();
    fs::remove_all(tmp, ec);
    return Error{fmt::format("cannot create {}: {}", dir.string(), why)};
  }
  return dir;
}

}  // namespace pyjudge::judge
