// Python type annotations as a spec's `signature` writes them, and checks of Values
// against them. Supported: int float bool str bytes None Any object, list[T] List[T],
// tuple[T, …] tuple[T, ...], set[T], frozenset[T], dict[K, V], Optional[T], Union[…], A | B,
// ListNode, TreeNode, Node (a graph node), Iterator[T], Iterable[T], Generator[T, S, R].
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "judge/expected.hpp"
#include "judge/value.hpp"

namespace pyjudge::judge {

struct Type {
  enum class Kind {
    any,
    none,
    boolean,
    integer,
    real,
    str,
    bytes,
    list,       // args[0]
    tuple,      // fixed: one arg per element
    tuple_of,   // tuple[T, ...]: args[0]
    set,        // args[0]
    frozenset,  // args[0]
    dict,       // args[0], args[1]
    union_of,   // any of args
    // LeetCode's node classes (ListNode, TreeNode, Node); values are their serialisations.
    linked_list,
    tree,
    graph,
    iterator,  // Iterator[T], Iterable[T], Generator[T, …]: args[0] is the item type
  };
  Kind kind = Kind::any;
  std::vector<Type> args;

  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool accepts_none() const;
};

struct Param {
  std::string name;
  Type type;
};

struct FunctionSignature {
  std::string name;
  std::vector<Param> params;  // without `self`
  Type result;
};

struct ClassSignature {
  std::string name;
  std::vector<FunctionSignature> methods;  // __init__ included when declared
  [[nodiscard]] const FunctionSignature* find(std::string_view method) const;
};

// Error offsets are byte offsets into `text`.
Expected<Type> parse_type(std::string_view text);
// `method`: a class's method line, whose first parameter may be an implicit `self`.
Expected<FunctionSignature> parse_function_signature(std::string_view text, bool method = false);
// "class Name:" followed by one "def …" line per method.
Expected<ClassSignature> parse_class_signature(std::string_view text);

// Where v does not match t, a message such as "at [2]: expected int, got str 'x'".
std::optional<std::string> mismatch(const Value& v, const Type& t);
// The same, but with the leniency of comparisons: a tuple for a list and the other way
// round, a frozenset for a set. For what a candidate returned.
std::optional<std::string> loose_mismatch(const Value& v, const Type& t);

}  // namespace pyjudge::judge
