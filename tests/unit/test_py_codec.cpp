// The harness's encoder/decoder against the real embedded interpreter.
#include <doctest/doctest.h>
#include <pybind11/embed.h>

#include "harness/capture.hpp"
#include "harness/interpreter.hpp"
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
