// judge/similarity: tokens that ignore names and literals, winnowed fingerprints, and pairs
// ranked by what they share beyond the starter code and what everyone writes.
#include <doctest/doctest.h>

#include "judge/similarity.hpp"

using namespace pyjudge::judge;

namespace {

const char* k_original = R"(def two_sum(nums, target):
    # remember where each value was seen
    seen = {}
    for i, x in enumerate(nums):
        want = target - x
        if want in seen:
            return [seen[want], i]
        seen[x] = i
    return []


def helper(values):
    total = 0
    for v in values:
        if v % 2 == 0:
            total += v * v
    return total
)";

// The same code with every name and constant changed, comments and blank lines moved.
const char* k_renamed = R"(def two_sum(arr, goal):
    index_of = {}  # value -> position
    for pos, val in enumerate(arr):
        need = goal - val
        if need in index_of:
            return [index_of[need], pos]
        index_of[val] = pos
    return []

def acc(items):
    s = 1
    for it in items:
        if it % 3 == 1:
            s += it * it
    return s
)";

const char* k_different = R"(def two_sum(nums, target):
    order = sorted(range(len(nums)), key=lambda k: nums[k])
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        s = nums[order[lo]] + nums[order[hi]]
        if s == target:
            return [order[lo], order[hi]]
        if s < target:
            lo += 1
        else:
            hi -= 1
    return []
)";

}  // namespace

TEST_CASE("similarity: names, literals, comments and layout do not change the tokens") {
  auto a = python_tokens("x = 1  # one\nprint('a', x)\n");
  auto b = python_tokens("count=99\n\n\nprint(\"zzz\",count)");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].norm == b[i].norm);
  }
  CHECK(a[0].norm == "ID");
  CHECK(a[2].norm == "NUM");
  auto kw = python_tokens("def f(): return None\ns = f'''x\n{y}''' ** 2\n");
  CHECK(kw[0].norm == "def");
  CHECK(kw[5].norm == "return");
  CHECK(kw[6].norm == "None");
  CHECK(kw[9].norm == "STR");  // a triple-quoted f-string over two lines is one token
  CHECK(kw[10].norm == "**");
  CHECK(kw[10].line == 3);
}

TEST_CASE("similarity: a renamed copy scores high, a different solution low") {
  std::vector<SimilarityInput> in = {
      {"alice", k_original}, {"bob", k_renamed}, {"carol", k_different}};
  SimilarityOptions o;
  o.min_shared = 1;
  auto pairs = similar_pairs(in, o);
  REQUIRE(!pairs.empty());
  CHECK(pairs[0].a == 0);
  CHECK(pairs[0].b == 1);
  CHECK(pairs[0].similarity > 0.9);
  // The shared fragment covers most of both files, by their own line numbers.
  CHECK(pairs[0].longest.a_first <= 2);
  CHECK(pairs[0].longest.a_last >= 15);
  CHECK(pairs[0].longest.b_last >= 13);
  for (const auto& p : pairs) {
    if (p.a == 0 && p.b == 2) {
      CHECK(p.similarity < 0.3);
    }
  }
}

TEST_CASE("similarity: the starter code and what most files share do not count") {
  std::string starter =
      "def two_sum(nums, target):\n    \"\"\"Return two indices.\"\"\"\n"
      "    result = []\n    for i in range(len(nums)):\n        pass\n"
      "    return result\n";
  std::vector<SimilarityInput> in = {{"a", starter + "x = 1\n"}, {"b", starter + "y = 2\n"}};
  SimilarityOptions with_template;
  with_template.template_source = starter;
  with_template.min_shared = 1;
  CHECK(similar_pairs(in, with_template).empty());
  SimilarityOptions without;
  without.min_shared = 1;
  CHECK(!similar_pairs(in, without).empty());

  // Ten files with the same boilerplate and each its own body: nothing stands out.
  const std::vector<std::string> ops = {"+", "-", "*", "//", "%", "**", "&", "|", "^", "<<", ">>"};
  std::vector<SimilarityInput> many;
  for (size_t i = 0; i < 10; ++i) {
    std::string body = "    r = p";
    for (size_t j = 0; j < 40; ++j) {
      body += " " + ops[(i * j * 7 + j + i * 3) % ops.size()] + " p";
    }
    many.push_back({"c" + std::to_string(i),
                    "import sys\n\ndef main():\n    data = sys.stdin.read().split()\n"
                    "    n = int(data[0])\n    for i in range(n):\n        print(i, n)\n" +
                        body + "\n"});
  }
  for (const auto& p : similar_pairs(many)) {
    CHECK(p.similarity < 0.9);
  }
}
