// Value: plain data as the judge sees it — spec arguments and expected values, and what a
// candidate returned after the harness encoded it (see harness/wire.hpp for the encoding).
//
// A Value is immutable once built. Sets, frozensets and dicts are kept sorted in the
// canonical order (compare()), so two equal Python values give identical Value trees.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pyjudge::judge {

// An integer outside int64: sign and minimal little-endian magnitude.
struct BigInt {
  bool negative = false;
  std::vector<uint8_t> magnitude;  // little endian, no trailing zero bytes, never empty

  // Parses an optionally signed run of decimal digits ("-123…"); nullopt if malformed.
  static std::optional<BigInt> from_decimal(std::string_view text);
  // Decimal text; for huge numbers (over max_digits) a short description instead.
  [[nodiscard]] std::string to_decimal(size_t max_digits = 4300) const;
  [[nodiscard]] double to_double() const;
  friend bool operator==(const BigInt&, const BigInt&) = default;
};

class Value {
 public:
  enum class Kind : uint8_t {
    none,
    boolean,
    integer,
    real,
    str,
    bytes,
    list,
    tuple,
    set,
    frozenset,
    dict,
    // LeetCode's node types, held as their serialisations (harness/wire.hpp): a linked
    // list's values, a tree's level order (None for a missing child), a graph's 1-based
    // adjacency lists. An empty one is None, never a node value.
    linked_list,
    tree,
    graph,
  };

  Value() = default;  // None
  static Value none() { return {}; }
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value integer(BigInt big);  // normalised to int64 when it fits
  static Value real(double d);
  static Value str(std::string s);
  static Value bytes(std::string s);
  static Value list(std::vector<Value> items);
  static Value tuple(std::vector<Value> items);
  static Value set(std::vector<Value> items, bool frozen = false);  // deduplicates
  static Value dict(std::vector<std::pair<Value, Value>> items);    // last key wins
  // kind: linked_list, tree or graph; items: the serialisation (never empty).
  static Value nodes(Kind kind, std::vector<Value> items);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_none() const { return kind_ == Kind::none; }
  [[nodiscard]] bool is_sequence() const { return kind_ == Kind::list || kind_ == Kind::tuple; }
  [[nodiscard]] bool is_set() const { return kind_ == Kind::set || kind_ == Kind::frozenset; }
  [[nodiscard]] bool is_number() const { return kind_ == Kind::integer || kind_ == Kind::real; }
  [[nodiscard]] bool is_node() const {
    return kind_ == Kind::linked_list || kind_ == Kind::tree || kind_ == Kind::graph;
  }
  [[nodiscard]] bool is_container() const {
    return is_sequence() || is_set() || kind_ == Kind::dict || is_node();
  }

  [[nodiscard]] bool as_bool() const { return std::get<bool>(data_); }
  [[nodiscard]] bool is_small_int() const { return std::holds_alternative<int64_t>(data_); }
  [[nodiscard]] int64_t as_int() const { return std::get<int64_t>(data_); }
  [[nodiscard]] const BigInt& as_big() const {
    return *std::get<std::shared_ptr<const BigInt>>(data_);
  }
  [[nodiscard]] double as_real() const { return std::get<double>(data_); }
  [[nodiscard]] double as_number() const;  // int or float as double
  [[nodiscard]] const std::string& as_text() const { return std::get<std::string>(data_); }
  // Items of a list, tuple, set or frozenset; for a dict, keys and values alternating.
  [[nodiscard]] const std::vector<Value>& items() const {
    return std::get<std::vector<Value>>(data_);
  }
  [[nodiscard]] size_t size() const;  // elements (dict: pairs)

  // Python's type name: "int", "list", … ("ListNode", "TreeNode", "Node" for nodes)
  [[nodiscard]] std::string_view type_name() const;

 private:
  Kind kind_ = Kind::none;
  std::variant<std::monostate, bool, int64_t, std::shared_ptr<const BigInt>, double, std::string,
               std::vector<Value>>
      data_;
};

// Total order used for canonical sorting: by kind family (None < bool < numbers < str <
// bytes < sequences < sets < dicts), then by content. Ints and floats compare numerically;
// lists and tuples compare as sequences.
int compare(const Value& a, const Value& b);

// Python repr, e.g. [1, 'a', None, (2,)]; cut with "…" past max_chars (0: no limit).
std::string repr(const Value& v, size_t max_chars = 0);

// Why items are not a valid serialisation of a node kind (linked_list, tree, graph): empty,
// a None value in a list, a level order with a null root or a child below a missing node, a
// neighbour that is not a node number. nullopt when valid.
std::optional<std::string> node_shape_error(Value::Kind kind, const std::vector<Value>& items);

// Whether s is well-formed UTF-8 (what a Python str can be made of): no overlong forms,
// no surrogates.
bool is_utf8(std::string_view s);
// At most `max` bytes of s, never ending inside a character (UTF-8 text stays UTF-8).
size_t utf8_prefix(std::string_view s, size_t max);
std::string utf8_cut(std::string_view s, size_t max);
// s with each byte that starts no UTF-8 character replaced by U+FFFD, the rest kept.
std::string utf8_repaired(std::string_view s);
// Characters that change how the text around them looks, or do not show (bidirectional
// overrides, zero-width and format characters, odd spaces, C1 controls, private use), as
// Python writes them in a repr: \u202e. A candidate's text shown to people goes through it.
bool unseen_character(uint32_t code_point);
std::string escape_unseen(std::string_view s);
// s as one word of a POSIX shell command, for hints people copy: as is when it is plain
// (letters, digits, `_./:@%+=,-`), else in single quotes ('it'\''s').
std::string shell_word(std::string_view s);

// The wire encoding (harness/wire.hpp).
std::string to_wire(const Value& v);
// Throws wire::DecodeError on malformed input, nesting deeper than wire::k_max_depth, or
// more than max_values values in all (each costs the judge ~50 bytes of memory).
Value from_wire(std::string_view data, size_t max_values = SIZE_MAX);

}  // namespace pyjudge::judge
