#include <doctest/doctest.h>

#include <cmath>

#include "harness/wire.hpp"
#include "judge/value.hpp"

using pyjudge::judge::BigInt;
using pyjudge::judge::compare;
using pyjudge::judge::escape_unseen;
using pyjudge::judge::from_wire;
using pyjudge::judge::is_utf8;
using pyjudge::judge::repr;
using pyjudge::judge::to_wire;
using pyjudge::judge::utf8_cut;
using pyjudge::judge::utf8_prefix;
using pyjudge::judge::utf8_repaired;
using pyjudge::judge::Value;

TEST_CASE("value: BigInt decimal round trip") {
  for (const char* text :
       {"0", "1", "-1", "255", "256", "9223372036854775807", "-9223372036854775808",
        "123456789012345678901234567890", "-340282366920938463463374607431768211456"}) {
    auto big = BigInt::from_decimal(text);
    REQUIRE(big);
    CHECK(big->to_decimal() == text);
  }
  CHECK_FALSE(BigInt::from_decimal(""));
  CHECK_FALSE(BigInt::from_decimal("-"));
  CHECK_FALSE(BigInt::from_decimal("12a"));
  CHECK(BigInt::from_decimal("-0")->to_decimal() == "0");
}

TEST_CASE("value: ints normalise to int64 when they fit") {
  Value v = Value::integer(*BigInt::from_decimal("-9223372036854775808"));
  CHECK(v.is_small_int());
  CHECK(v.as_int() == INT64_MIN);
  Value big = Value::integer(*BigInt::from_decimal("9223372036854775808"));
  CHECK_FALSE(big.is_small_int());
  CHECK(compare(big, Value::integer(INT64_MAX)) > 0);
  CHECK(compare(Value::integer(*BigInt::from_decimal("-99999999999999999999")),
                Value::integer(INT64_MIN)) < 0);
}

TEST_CASE("value: repr follows Python") {
  CHECK(repr(Value::none()) == "None");
  CHECK(repr(Value::boolean(true)) == "True");
  CHECK(repr(Value::real(1.0)) == "1.0");
  CHECK(repr(Value::real(0.1)) == "0.1");
  CHECK(repr(Value::real(1e100)) == "1e+100");
  CHECK(repr(Value::real(NAN)) == "nan");
  CHECK(repr(Value::real(-INFINITY)) == "-inf");
  CHECK(repr(Value::str("it's")) == "\"it's\"");
  CHECK(repr(Value::str("a\nb")) == "'a\\nb'");
  CHECK(repr(Value::bytes("\x01z")) == "b'\\x01z'");
  CHECK(repr(Value::tuple({Value::integer(1)})) == "(1,)");
  CHECK(repr(Value::set({})) == "set()");
  CHECK(repr(Value::set({Value::integer(2), Value::integer(1), Value::integer(2)})) == "{1, 2}");
  CHECK(repr(Value::set({Value::integer(1)}, true)) == "frozenset({1})");
  CHECK(repr(Value::dict({{Value::str("b"), Value::integer(2)},
                          {Value::str("a"), Value::none()}})) == "{'a': None, 'b': 2}");
  std::vector<Value> many(100, Value::integer(12345));
  std::string cut = repr(Value::list(many), 20);
  CHECK(cut.size() < 30);
  CHECK(cut.ends_with("…"));
  // Characters that change how text reads are escaped as Python does (str.isprintable()).
  CHECK(repr(Value::str("3\u202e1")) == "'3\\u202e1'");
  CHECK(repr(Value::str("a\u00a0b\u200bc\U000f0000")) == "'a\\xa0b\\u200bc\\U000f0000'");
  CHECK(repr(Value::str("é 中 😀")) == "'é 中 😀'");
  // Cut where a character starts: é is two bytes.
  std::string accents = repr(Value::str(std::string(40, 'x') + "ééééééééééééééé"), 43);
  CHECK(is_utf8(accents));
}

TEST_CASE("value: a cut repr costs what is shown, not the whole value") {
  // 15 million control characters escape to 60 MB; 200 characters are shown.
  Value huge = Value::str(std::string(15'000'000, '\x01') + "1");
  std::string shown = repr(huge, 200);
  CHECK(shown.starts_with("'\\x01\\x01"));
  CHECK(shown.ends_with("…"));
  CHECK(shown.size() <= 200 + std::string("…").size());
  CHECK(shown.capacity() < 4096);  // not the escaped text's buffer, kept by whoever holds it
  Value nested = Value::list({Value::str("ab"), Value::str(std::string(1'000'000, '\n'))});
  std::string cut = repr(nested, 50);
  CHECK(cut.starts_with("['ab', '\\n\\n"));
  CHECK(cut.size() <= 50 + std::string("…").size());
  CHECK(repr(Value::str("a\x01"
                        "b"),
             200) == "'a\\x01b'");  // under the limit: whole
}

TEST_CASE("value: UTF-8 is checked strictly, cut whole and repaired where broken") {
  CHECK(is_utf8("é 中 😀"));
  CHECK_FALSE(is_utf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(is_utf8("\xe0\x80\xaf"));      // overlong, three bytes
  CHECK_FALSE(is_utf8("\xed\xa0\x80"));      // a surrogate (U+D800)
  CHECK_FALSE(is_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_utf8("\xc3"));              // cut short
  CHECK(utf8_prefix("aé", 2) == 1);
  CHECK(utf8_prefix("aé", 3) == 3);
  CHECK(utf8_cut("x😀", 4) == "x");
  CHECK(utf8_repaired("a\xff"
                      "b\xc3") == "a\ufffdb\ufffd");
  CHECK(escape_unseen("ok \u202e\u2066x\u2069") == "ok \\u202e\\u2066x\\u2069");
}

TEST_CASE("value: shell words for hints people copy") {
  CHECK(pyjudge::judge::shell_word("two_sum.py") == "two_sum.py");
  CHECK(pyjudge::judge::shell_word("/tmp/a-b/c.py") == "/tmp/a-b/c.py");
  CHECK(pyjudge::judge::shell_word("my dir/ts.py") == "'my dir/ts.py'");
  CHECK(pyjudge::judge::shell_word("it's.py") == "'it'\\''s.py'");
  CHECK(pyjudge::judge::shell_word("$HOME") == "'$HOME'");
  CHECK(pyjudge::judge::shell_word("") == "''");
}

TEST_CASE("value: canonical order") {
  CHECK(compare(Value::none(), Value::boolean(false)) < 0);
  CHECK(compare(Value::integer(1), Value::real(1.5)) < 0);
  CHECK(compare(Value::integer(2), Value::real(1.5)) > 0);
  CHECK(compare(Value::integer(1), Value::real(1.0)) != 0);  // kept apart, ints first
  CHECK(compare(Value::str("a"), Value::str("b")) < 0);
  CHECK(compare(Value::list({Value::integer(1)}), Value::tuple({Value::integer(1)})) != 0);
  CHECK(compare(Value::real(NAN), Value::real(NAN)) == 0);
  Value d1 =
      Value::dict({{Value::integer(1), Value::str("x")}, {Value::integer(0), Value::str("y")}});
  Value d2 =
      Value::dict({{Value::integer(0), Value::str("y")}, {Value::integer(1), Value::str("x")}});
  CHECK(compare(d1, d2) == 0);
}

TEST_CASE("value: wire round trip of every type") {
  Value v = Value::list({
      Value::none(),
      Value::boolean(true),
      Value::boolean(false),
      Value::integer(-7),
      Value::integer(*BigInt::from_decimal("-123456789012345678901234567890")),
      Value::real(2.5),
      Value::str("héllo"),
      Value::bytes(std::string("\0\xff", 2)),
      Value::tuple({Value::integer(1), Value::str("x")}),
      Value::set({Value::integer(3), Value::integer(1)}),
      Value::set({Value::str("f")}, true),
      Value::dict({{Value::str("k"), Value::list({})}}),
  });
  Value back = from_wire(to_wire(v));
  CHECK(compare(v, back) == 0);
  CHECK(repr(back) == repr(v));
}

TEST_CASE("value: malformed wire input is rejected") {
  using pyjudge::wire::DecodeError;
  CHECK_THROWS_AS(from_wire(""), DecodeError);
  CHECK_THROWS_AS(from_wire("i\x01"), DecodeError);                              // truncated int
  CHECK_THROWS_AS(from_wire("?"), DecodeError);                                  // unknown tag
  CHECK_THROWS_AS(from_wire("NN"), DecodeError);                                 // trailing bytes
  CHECK_THROWS_AS(from_wire(std::string("l\xff\xff\xff\x7f", 5)), DecodeError);  // huge count
  CHECK_THROWS_AS(from_wire(std::string("s\x02\0\0\0\xc3(", 7)), DecodeError);   // bad UTF-8
  std::string deep;
  for (int i = 0; i < 1100; ++i) {
    deep += std::string("l\x01\0\0\0", 5);
  }
  deep += "N";
  CHECK_THROWS_AS(from_wire(deep), DecodeError);
}

TEST_CASE("value: node serialisations round trip, and malformed ones are refused") {
  using pyjudge::wire::DecodeError;
  Value list = Value::nodes(Value::Kind::linked_list, {Value::integer(1), Value::integer(2)});
  CHECK(from_wire(to_wire(list)).kind() == Value::Kind::linked_list);
  CHECK(repr(from_wire(to_wire(list))) == "ListNode[1, 2]");
  Value tree =
      Value::nodes(Value::Kind::tree, {Value::integer(1), Value::none(), Value::integer(2)});
  CHECK(repr(from_wire(to_wire(tree))) == "TreeNode[1, None, 2]");
  Value graph = Value::nodes(Value::Kind::graph, {Value::list({Value::integer(1)})});
  CHECK(repr(from_wire(to_wire(graph))) == "Node[[1]]");
  CHECK(compare(list, Value::list(list.items())) != 0);  // a ListNode is not a list
  CHECK(list.type_name() == "ListNode");

  CHECK_THROWS_AS(from_wire(std::string("L\0\0\0\0", 5)), DecodeError);     // empty
  CHECK_THROWS_AS(from_wire(std::string("B\x01\0\0\0N", 6)), DecodeError);  // null root
  CHECK_THROWS_AS(from_wire(std::string("G\x01\0\0\0i", 6) + std::string(8, '\0')),
                  DecodeError);  // adjacency entry not a list
  CHECK_THROWS_AS(from_wire(std::string("G\x01\0\0\0l\x01\0\0\0i\x02", 12) + std::string(7, '\0')),
                  DecodeError);  // neighbour 2 of a one-node graph
}
