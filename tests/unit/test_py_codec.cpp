// The harness's encoder/decoder against the real embedded interpreter.
#include <doctest/doctest.h>
#include <pybind11/embed.h>

#include "harness/capture.hpp"
#include "harness/interpreter.hpp"
#include "harness/library_guard.hpp"
#include "harness/py_codec.hpp"
#include "judge/value.hpp"

namespace py = pybind11;
using namespace pyjudge;

namespace {

void ensure_python() {
  static bool started = [] {
    harness::start_interpreter();
    return true;
  }();
  (void)started;
}

py::object eval(const std::string& expr) {
  py::dict scope;
  py::exec(
      "class MyList(list): pass\n"
      "class MyInt(int): pass\n"
      "class Liar:\n"
      "    def __eq__(self, other): return True\n"
      "    __hash__ = object.__hash__\n"
      "cyc = [1]\ncyc.append(cyc)\n"
      "d = {}\nd['self'] = d\n",
      scope);
  return py::eval(expr, scope);
}

struct Encoded {
  std::optional<harness::EncodeError> error;
  std::string bytes;
};

Encoded encode(const std::string& expr, size_t limit = 1 << 20) {
  ensure_python();
  py::object o = eval(expr);
  wire::Writer w;
  auto err = harness::encode_value(o.ptr(), w, limit);
  return {err, w.take()};
}

std::string round_trip(const std::string& expr) {
  Encoded e = encode(expr);
  REQUIRE_MESSAGE(!e.error, (e.error ? e.error->message : ""));
  return judge::repr(judge::from_wire(e.bytes));
}

}  // namespace

TEST_CASE("py_codec: every plain type encodes") {
  CHECK(round_trip("None") == "None");
  CHECK(round_trip("[True, False]") == "[True, False]");
  CHECK(round_trip("-42") == "-42");
  CHECK(round_trip("2**64") == "18446744073709551616");
  CHECK(round_trip("-(2**100)") == "-1267650600228229401496703205376");
  CHECK(round_trip("-(2**63)") == "-9223372036854775808");
  CHECK(round_trip("1.5") == "1.5");
  CHECK(round_trip("float('inf')") == "inf");
  CHECK(round_trip("'héllo'") == "'héllo'");
  CHECK(round_trip("b'\\x00\\xff'") == "b'\\x00\\xff'");
  CHECK(round_trip("(1, 'a', (2,))") == "(1, 'a', (2,))");
  CHECK(round_trip("{3, 1, 2}") == "{1, 2, 3}");
  CHECK(round_trip("frozenset({'x'})") == "frozenset({'x'})");
  CHECK(round_trip("{'b': [1], 'a': {}}") == "{'a': {}, 'b': [1]}");
  CHECK(round_trip("[[]] * 3") == "[[], [], []]");  // shared (not cyclic) references are fine
}

TEST_CASE("py_codec: rejections name the problem") {
  auto sub = encode("MyList([1])");
  REQUIRE(sub.error);
  CHECK(sub.error->kind == harness::EncodeError::Kind::bad_type);
  CHECK(sub.error->message.find("`MyList` (a subclass of list)") != std::string::npos);
  auto nested_sub = encode("[1, [MyInt(3)]]");
  REQUIRE(nested_sub.error);
  CHECK(nested_sub.error->message.starts_with("at [1][0]: "));
  auto liar = encode("Liar()");
  REQUIRE(liar.error);
  CHECK(liar.error->message.find("`Liar`") != std::string::npos);
  auto cycle = encode("cyc");
  REQUIRE(cycle.error);
  CHECK(cycle.error->kind == harness::EncodeError::Kind::cycle);
  CHECK(cycle.error->message.find("self-referencing list") != std::string::npos);
  auto dict_cycle = encode("d");
  REQUIRE(dict_cycle.error);
  CHECK(dict_cycle.error->kind == harness::EncodeError::Kind::cycle);
  auto deep = encode("__import__('functools').reduce(lambda a, _: [a], range(1200), [])");
  REQUIRE(deep.error);
  CHECK(deep.error->kind == harness::EncodeError::Kind::too_deep);
  auto big = encode("list(range(100000))", 1000);
  REQUIRE(big.error);
  CHECK(big.error->kind == harness::EncodeError::Kind::too_large);
  auto huge_int = encode("10**5000", 100);
  REQUIRE(huge_int.error);
  CHECK(huge_int.error->kind == harness::EncodeError::Kind::too_large);
  auto surrogate = encode("'\\ud800'");
  REQUIRE(surrogate.error);
  CHECK(surrogate.error->kind == harness::EncodeError::Kind::bad_text);
  CHECK_FALSE(encode("object()").error == std::nullopt);
  CHECK_FALSE(encode("lambda: 1").error == std::nullopt);
}

TEST_CASE("py_codec: judge values decode into fresh Python objects") {
  ensure_python();
  judge::Value v = judge::Value::tuple({
      judge::Value::list({judge::Value::integer(1), judge::Value::str("x")}),
      judge::Value::integer(*judge::BigInt::from_decimal("-123456789012345678901234567890")),
      judge::Value::set({judge::Value::integer(2)}),
      judge::Value::dict({{judge::Value::str("k"), judge::Value::none()}}),
  });
  std::string bytes = judge::to_wire(v);
  wire::Reader r(bytes);
  py::object o = py::reinterpret_steal<py::object>(harness::decode_value(r));
  CHECK(py::repr(o).cast<std::string>() ==
        "([1, 'x'], -123456789012345678901234567890, {2}, {'k': None})");
  wire::Reader again(bytes);
  py::object o2 = py::reinterpret_steal<py::object>(harness::decode_value(again));
  CHECK_FALSE(o.is(o2));  // each test gets its own copy
  CHECK_FALSE(o[py::int_(0)].is(o2[py::int_(0)]));
  wire::Reader bad(std::string("l\x01\0\0\0", 5));
  CHECK_THROWS_AS(harness::decode_value(bad), wire::DecodeError);
}

TEST_CASE("py_codec: captured output keeps a head and counts the rest") {
  ensure_python();
  harness::OutputSink sink(8, 100);
  CHECK(sink.write(py::str("hello world")) == 11);
  auto c = sink.take();
  CHECK(c.head == "hello wo");
  CHECK(c.total == 11);
  CHECK_THROWS_AS(sink.write(py::str(std::string(200, 'x'))), py::error_already_set);
  CHECK(sink.overflowed());
  CHECK_THROWS_AS(sink.write(py::int_(3)), py::type_error);
}

namespace {

// Decodes a judge value into Python, runs `code` on it as `v` in a scope with the node
// classes, and encodes what `code` leaves in `out`.
Encoded through_python(const judge::Value& v, const std::string& code,
                       const harness::NodeSet* forbidden = nullptr) {
  ensure_python();
  std::string bytes = judge::to_wire(v);
  wire::Reader r(bytes);
  py::object o = py::reinterpret_steal<py::object>(harness::decode_value(r));
  py::dict scope;
  const harness::NodeClasses& nodes = harness::node_classes();
  scope["ListNode"] = py::handle(nodes.list_node);
  scope["TreeNode"] = py::handle(nodes.tree_node);
  scope["Node"] = py::handle(nodes.graph_node);
  scope["v"] = o;
  py::exec(code, scope);
  wire::Writer w;
  auto err = harness::encode_value(py::object(scope["out"]).ptr(), w, 1 << 20, forbidden);
  return {err, w.take()};
}

judge::Value ints(std::initializer_list<int64_t> xs) {
  std::vector<judge::Value> v;
  for (int64_t x : xs) {
    v.push_back(judge::Value::integer(x));
  }
  return judge::Value::list(std::move(v));
}

}  // namespace

TEST_CASE("py_codec: LeetCode nodes decode into objects and encode back") {
  using judge::Value;
  Value list = Value::nodes(Value::Kind::linked_list, ints({1, 2, 3}).items());
  Encoded l = through_python(list, "out = [v.val, v.next.val, v.next.next.next is None, v]");
  REQUIRE_MESSAGE(!l.error, (l.error ? l.error->message : ""));
  CHECK(judge::repr(judge::from_wire(l.bytes)) == "[1, 2, True, ListNode[1, 2, 3]]");

  // Level order with a gap: 1, left None, right 2, whose left is 3.
  Value tree = Value::nodes(
      Value::Kind::tree, {Value::integer(1), Value::none(), Value::integer(2), Value::integer(3)});
  Encoded t = through_python(tree, "out = [v.left is None, v.right.left.val, v]");
  REQUIRE_MESSAGE(!t.error, (t.error ? t.error->message : ""));
  CHECK(judge::repr(judge::from_wire(t.bytes)) == "[True, 3, TreeNode[1, None, 2, 3]]");

  Value graph = Value::nodes(Value::Kind::graph, {ints({2, 3}), ints({1}), ints({1})});
  Encoded g = through_python(graph, "out = [[n.val for n in v.neighbors], v]");
  REQUIRE_MESSAGE(!g.error, (g.error ? g.error->message : ""));
  CHECK(judge::repr(judge::from_wire(g.bytes)) == "[[2, 3], Node[[2, 3], [1], [1]]]");

  // A candidate's own classes of the same names count as nodes.
  Encoded own = through_python(Value::none(),
                               "class ListNode:\n"
                               "    def __init__(self, val, next=None):\n"
                               "        self.val = val\n"
                               "        self.next = next\n"
                               "out = ListNode(7, ListNode(8))\n");
  REQUIRE_MESSAGE(!own.error, (own.error ? own.error->message : ""));
  CHECK(judge::repr(judge::from_wire(own.bytes)) == "ListNode[7, 8]");
}

TEST_CASE("py_codec: malformed node structures are refused, never followed forever") {
  using judge::Value;
  Encoded cycle =
      through_python(Value::none(), "a = ListNode(1); b = ListNode(2, a); a.next = b; out = a\n");
  REQUIRE(cycle.error);
  CHECK(cycle.error->kind == harness::EncodeError::Kind::bad_structure);
  CHECK(cycle.error->message.find("the linked list has a cycle") != std::string::npos);

  Encoded shared = through_python(Value::none(), "c = TreeNode(2); out = TreeNode(1, c, c)\n");
  REQUIRE(shared.error);
  CHECK(shared.error->message.find("not a tree") != std::string::npos);

  Encoded bad_link = through_python(Value::none(), "out = ListNode(1, [2])\n");
  REQUIRE(bad_link.error);
  CHECK(bad_link.error->message.find("a node's `next` is a list") != std::string::npos);

  Encoded bad_values = through_python(Value::none(), "a = Node(5); out = a\n");
  REQUIRE(bad_values.error);
  CHECK(bad_values.error->message.find("must have the values 1 to 1") != std::string::npos);

  Encoded long_list = through_python(Value::none(),
                                     "out = None\n"
                                     "for i in range(100000): out = ListNode(i, out)\n");
  CHECK_FALSE(long_list.error);  // long but fine: walked iteratively, not recursively
}

TEST_CASE("py_codec: fresh_nodes refuses a result that reuses an argument's node") {
  using judge::Value;
  ensure_python();
  Value graph = Value::nodes(Value::Kind::graph, {ints({2}), ints({1})});
  std::string bytes = judge::to_wire(graph);
  wire::Reader r(bytes);
  py::object input = py::reinterpret_steal<py::object>(harness::decode_value(r));
  harness::NodeSet seen;
  harness::collect_nodes(input.ptr(), seen);
  CHECK(seen.size() == 2);
  wire::Writer w;
  auto same = harness::encode_value(input.ptr(), w, 1 << 20, &seen);
  REQUIRE(same);
  CHECK(same->kind == harness::EncodeError::Kind::shared_node);
  // A copy whose second node is the input's: still refused.
  py::dict scope;
  scope["Node"] = py::handle(harness::node_classes().graph_node);
  scope["old"] = input;
  py::exec("out = Node(1, [old.neighbors[0]])\n", scope);
  wire::Writer w2;
  auto partly = harness::encode_value(py::object(scope["out"]).ptr(), w2, 1 << 20, &seen);
  REQUIRE(partly);
  CHECK(partly->kind == harness::EncodeError::Kind::shared_node);
}

TEST_CASE("py_codec: the input's nodes are collected whole, and kept alive") {
  ensure_python();
  py::dict scope;
  scope["Node"] = py::handle(harness::node_classes().graph_node);
  py::exec(
      "nodes = [Node(i) for i in range(1, 1501)]\n"
      "for a, b in zip(nodes, nodes[1:]):\n"
      "    a.neighbors.append(b)\n"
      "    b.neighbors.append(a)\n"
      "head = nodes[0]\n",
      scope);
  py::object head = scope["head"];
  harness::NodeSet seen;
  harness::collect_nodes(head.ptr(), seen);
  CHECK(seen.size() == 1500);  // far past the 1000 levels a nested value may have
  py::exec("tail = nodes[-1]\nfor n in nodes: n.neighbors = []\ndel nodes\n", scope);
  // Only `head` and `tail` are referenced from Python now; the set keeps the rest alive, so
  // no new object can take a collected node's address.
  CHECK(seen.contains(py::object(scope["tail"]).ptr()));
}

TEST_CASE("py_codec: node attributes are read without running candidate code") {
  auto sneaky = through_python(judge::Value::none(),
                               "class K(str):\n"
                               "    def __eq__(self, other):\n"
                               "        raise RuntimeError('ran')\n"
                               "    __hash__ = str.__hash__\n"
                               "n = ListNode(1)\n"
                               "n.__dict__[K('extra')] = 1\n"
                               "out = n\n");
  REQUIRE(sneaky.error);  // not taken as a node: refused as a value of type ListNode
  CHECK(sneaky.error->message.find("define it without __slots__") != std::string::npos);
  auto none_val = through_python(judge::Value::none(), "out = TreeNode(1, TreeNode(None))\n");
  REQUIRE(none_val.error);
  CHECK(none_val.error->message.find("a TreeNode has the value None") != std::string::npos);
}

TEST_CASE("py_codec: a level order with an orphan is refused") {
  ensure_python();
  // [1, None, None, 5]: 5 would be nobody's child.
  std::string bytes("B\x04\0\0\0i", 6);
  bytes += std::string("\x01\0\0\0\0\0\0\0", 8) + "NN" + "i" + std::string("\x05\0\0\0\0\0\0\0", 8);
  wire::Reader r(bytes);
  CHECK_THROWS_AS(harness::decode_value(r), wire::DecodeError);
}

TEST_CASE("py_codec: the library guard names a change to library code, not CPython's own caches") {
  ensure_python();
  py::dict scope;
  py::exec("import copy, string, threading, typing, json\n", scope);
  {
    harness::LibraryGuard guard;
    guard.record();
    // What honest code does, which writes data (never behaviour) into library classes:
    // copy caches __slotnames__, a protocol check creates __annotations__.
    py::exec(
        "copy.copy(string.Template('x'))\n"
        "copy.copy(threading.Event())\n"
        "isinstance(3, typing.SupportsIndex)\n"
        "json.loads('[1]')\n",
        scope);
    CHECK_FALSE(guard.check().has_value());
    py::exec("saved = threading.Thread.start\nthreading.Thread.start = lambda self: None\n", scope);
    CHECK(guard.check() == "threading.Thread.start");
    py::exec("threading.Thread.start = saved\n", scope);
    CHECK_FALSE(guard.check().has_value());
    // The same function object with other code in it.
    py::exec(
        "code = threading.Event.wait.__code__\n"
        "threading.Event.wait.__code__ = (lambda self, timeout=None: True).__code__\n",
        scope);
    CHECK(guard.check() == "threading.Event.wait");
    py::exec("threading.Event.wait.__code__ = code\n", scope);
    CHECK_FALSE(guard.check().has_value());
    // A method added to a class overrides an inherited one.
    py::exec("threading.Timer.join = lambda self, timeout=None: None\n", scope);
    CHECK(guard.check() == "threading.Timer (a method added to it)");
    py::exec("del threading.Timer.join\n", scope);
    CHECK_FALSE(guard.check().has_value());
    // A module global named like a builtin: the module's own functions would call it.
    py::exec("threading.len = lambda x: 0\n", scope);
    CHECK(guard.check() == "threading.len");
    py::exec("del threading.len\n", scope);
    // Another module in sys.modules.
    py::exec(
        "import sys, types\nreal = sys.modules['json']\n"
        "sys.modules['json'] = types.ModuleType('json')\n",
        scope);
    CHECK(guard.check() == "sys.modules['json']");
    py::exec("sys.modules['json'] = real\n", scope);
    CHECK_FALSE(guard.check().has_value());
  }
}
