// Comparison of a candidate's value with the expected one, in the judge process only (I1).
//
// Rules shared by every mode: None, bool, int, str and bytes match only their own type
// (True is not 1, 1.0 is not 1); an expected float accepts an int; lists and tuples are
// both sequences (a pasted answer returning (i, j) for list[int] is fine), sets and
// frozensets both sets. Modes then decide order and tolerance:
//   exact             structure and order as given
//   unordered         top-level sequence order ignored (a multiset comparison)
//   nested-unordered  order ignored in every sequence at every level
//   set               top-level items as a set: order ignored, a repeated item is wrong
//   float             numbers within max(abs_tol, rel_tol·max(|a|, |b|)); NaN matches NaN
// Node values (ListNode, TreeNode, Node) compare by serialisation, in order.
#pragma once

#include <string>
#include <string_view>

#include "judge/spec.hpp"
#include "judge/value.hpp"

namespace pyjudge::judge {

struct Comparison {
  bool equal = false;
  std::string why;  // where and how they differ, e.g. "at [2]: expected 4, got 5"
};

Comparison compare_values(const Value& expected, const Value& got, const CompareSpec& spec);

// A program's output against the expected text, token by token (spec.output says how).
Comparison compare_output(std::string_view expected, std::string_view got, const CompareSpec& spec);

}  // namespace pyjudge::judge
