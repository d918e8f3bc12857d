#include <doctest/doctest.h>

#include "judge/types.hpp"

using namespace pyjudge::judge;

TEST_CASE("types: function signatures") {
  auto sig = parse_function_signature("def two_sum(nums: list[int], target: int) -> list[int]");
  REQUIRE(sig);
  CHECK(sig->name == "two_sum");
  REQUIRE(sig->params.size() == 2);
  CHECK(sig->params[0].name == "nums");
  CHECK(sig->params[0].type.to_string() == "list[int]");
  CHECK(sig->result.to_string() == "list[int]");

  auto typed = parse_function_signature(
      "def f(self, a: Optional[Dict[str, List[int]]], b: tuple[int, ...], c: int | None) -> "
      "Tuple[int, str]:",
      /*method=*/true);
  REQUIRE(typed);
  CHECK(typed->params.size() == 3);  // a method's self is implicit
  CHECK(typed->params[0].type.to_string() == "dict[str, list[int]] | None");
  CHECK(typed->params[1].type.to_string() == "tuple[int, ...]");
  CHECK(typed->params[2].type.accepts_none());
  CHECK(typed->result.to_string() == "tuple[int, str]");
}

TEST_CASE("types: bad signatures say what and where") {
  auto e1 = parse_function_signature("def f(x) -> int");
  REQUIRE_FALSE(e1);
  CHECK(e1.error().message.find("needs a type annotation") != std::string::npos);
  auto e2 = parse_function_signature("def f(x: integer) -> int");
  REQUIRE_FALSE(e2);
  CHECK(e2.error().message.find("unknown type `integer`") != std::string::npos);
  CHECK(e2.error().offset == 9);
  auto e3 = parse_function_signature("def f(x: list[int) -> int");
  REQUIRE_FALSE(e3);
  CHECK(e3.error().message.find("expected `]`") != std::string::npos);
  auto e4 = parse_function_signature("def f(x: int = 3) -> int");
  REQUIRE_FALSE(e4);
  CHECK(e4.error().message.find("default values") != std::string::npos);
  CHECK_FALSE(parse_function_signature("f(x: int)"));
  // What Python would not compile, or what would make `pyjudge init` write such a stub.
  auto keyword = parse_function_signature("def f(class: int) -> int");
  REQUIRE_FALSE(keyword);
  CHECK(keyword.error().message == "`class` is a Python keyword: it cannot name a parameter");
  CHECK(keyword.error().offset == 6);
  auto twice = parse_function_signature("def f(a: int, a: int) -> int");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message == "parameter `a` is given twice");
  auto self = parse_function_signature("def f(self, a: int) -> int");
  REQUIRE_FALSE(self);
  CHECK(self.error().message.starts_with("`self` belongs to a class's methods"));
  CHECK(parse_function_signature("def f(a: int) -> int: pass"));
  CHECK(parse_function_signature("def f(a: int) -> int: ..."));
  CHECK_FALSE(parse_function_signature("def f(x: dict[int]) -> int"));
}

TEST_CASE("types: class signatures") {
  auto cls = parse_class_signature(
      "class LRUCache:\n"
      "    def __init__(self, capacity: int) -> None\n"
      "    def get(self, key: int) -> int\n"
      "    def put(self, key: int, value: int) -> None\n");
  REQUIRE(cls);
  CHECK(cls->name == "LRUCache");
  CHECK(cls->methods.size() == 3);
  REQUIRE(cls->find("put"));
  CHECK(cls->find("put")->params.size() == 2);
  CHECK_FALSE(cls->find("missing"));
  auto bad = parse_class_signature("class A:\n    def f(self, x: nope) -> int\n");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().offset > 9);
  CHECK_FALSE(parse_class_signature("class A(Base):\n"));
  auto uneven = parse_class_signature(
      "class A:\n    def __init__(self) -> None\n  def get(self, k: int) -> int\n");
  REQUIRE_FALSE(uneven);
  CHECK(uneven.error().message.starts_with("every method is indented alike"));
  CHECK(uneven.error().offset == 42);
  CHECK_FALSE(parse_class_signature("class A:\ndef get(self, k: int) -> int\n"));
  CHECK_FALSE(parse_class_signature("def f(x: int) -> int"));
}

TEST_CASE("types: mismatch names the path") {
  auto t = parse_type("list[dict[str, int]]");
  REQUIRE(t);
  Value ok = Value::list({Value::dict({{Value::str("a"), Value::integer(1)}})});
  CHECK_FALSE(mismatch(ok, *t));
  Value bad = Value::list({Value::dict({{Value::str("a"), Value::str("x")}})});
  auto m = mismatch(bad, *t);
  REQUIRE(m);
  CHECK(*m == "at [0]['a']: expected int, got str 'x'");
  CHECK(mismatch(Value::integer(1), *parse_type("float")) == std::nullopt);
  CHECK(mismatch(Value::boolean(true), *parse_type("int")).has_value());
}

TEST_CASE("types: node classes and iterators") {
  auto sig = parse_function_signature(
      "def f(head: Optional[ListNode], root: TreeNode, node: Node) -> Iterator[int]");
  REQUIRE_MESSAGE(sig.ok(), (sig.ok() ? "" : sig.error().message));
  CHECK(sig->params[0].type.to_string() == "ListNode | None");
  CHECK(sig->params[1].type.kind == Type::Kind::tree);
  CHECK(sig->params[2].type.kind == Type::Kind::graph);
  CHECK(sig->result.to_string() == "Iterator[int]");
  auto gen = parse_type("Generator[str, None, None]");
  REQUIRE(gen.ok());
  CHECK(gen->to_string() == "Iterator[str]");
  auto bad = parse_type("Generator[str]");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("Generator takes three type arguments") != std::string::npos);
  Value l = Value::nodes(Value::Kind::linked_list, {Value::integer(1)});
  CHECK_FALSE(mismatch(l, sig->params[0].type));
  CHECK(mismatch(Value::list({Value::integer(1)}), sig->params[0].type));
}
