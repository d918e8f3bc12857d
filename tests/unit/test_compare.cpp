#include <doctest/doctest.h>

#include <cmath>

#include "judge/compare.hpp"

using namespace pyjudge::judge;

namespace {

Value ints(std::initializer_list<int64_t> xs) {
  std::vector<Value> v;
  for (int64_t x : xs) {
    v.push_back(Value::integer(x));
  }
  return Value::list(std::move(v));
}

Value strs(std::initializer_list<const char*> xs) {
  std::vector<Value> v;
  for (const char* x : xs) {
    v.push_back(Value::str(x));
  }
  return Value::list(std::move(v));
}

CompareSpec mode(CompareMode m) {
  CompareSpec s;
  s.mode = m;
  return s;
}

}  // namespace

TEST_CASE("compare: exact") {
  auto exact = mode(CompareMode::exact);
  CHECK(compare_values(ints({1, 2}), ints({1, 2}), exact).equal);
  auto r = compare_values(ints({1, 2}), ints({2, 1}), exact);
  CHECK_FALSE(r.equal);
  CHECK(r.why == "at [0]: expected 1, got 2");
  CHECK(compare_values(ints({1, 2}), Value::tuple({Value::integer(1), Value::integer(2)}), exact)
            .equal);
  CHECK(compare_values(ints({1}), ints({1, 2}), exact).why == "expected 1 item, got 2");
  // Type-strict scalars: True is not 1, 1.0 is not 1 — but an expected float takes an int.
  CHECK(compare_values(Value::integer(1), Value::boolean(true), exact).why ==
        "expected int 1, got bool True");
  CHECK_FALSE(compare_values(Value::integer(1), Value::real(1.0), exact).equal);
  CHECK(compare_values(Value::real(2.0), Value::integer(2), exact).equal);
  CHECK_FALSE(compare_values(Value::real(0.1), Value::real(0.1000001), exact).equal);
  CHECK(compare_values(Value::none(), Value::none(), exact).equal);
  CHECK(compare_values(Value::real(NAN), Value::real(NAN), exact).equal);
  // Exact like Python: 1e16 != 10**16 + 1, and inf equals no int.
  CHECK(compare_values(Value::real(1e16), Value::integer(10000000000000000), exact).equal);
  CHECK_FALSE(compare_values(Value::real(1e16), Value::integer(10000000000000001), exact).equal);
  CHECK_FALSE(compare_values(Value::real(INFINITY),
                             Value::integer(*BigInt::from_decimal("1" + std::string(400, '0'))),
                             exact)
                  .equal);
  CHECK(compare_values(Value::real(1e20),
                       Value::integer(*BigInt::from_decimal("100000000000000000000")), exact)
            .equal);
}

TEST_CASE("compare: dicts and sets") {
  auto exact = mode(CompareMode::exact);
  Value a =
      Value::dict({{Value::str("x"), Value::integer(1)}, {Value::str("y"), Value::integer(2)}});
  Value b =
      Value::dict({{Value::str("y"), Value::integer(2)}, {Value::str("x"), Value::integer(1)}});
  CHECK(compare_values(a, b, exact).equal);
  Value c = Value::dict({{Value::str("x"), Value::integer(1)}});
  CHECK(compare_values(a, c, exact).why == "missing key 'y'");
  CHECK(compare_values(c, a, exact).why == "unexpected key 'y'");
  Value d =
      Value::dict({{Value::str("x"), Value::integer(1)}, {Value::str("y"), Value::integer(3)}});
  CHECK(compare_values(a, d, exact).why == "at ['y']: expected 2, got 3");
  Value s1 = Value::set({Value::integer(1), Value::integer(2)});
  Value s2 = Value::set({Value::integer(2), Value::integer(3)}, true);
  auto r = compare_values(s1, s2, exact);
  CHECK_FALSE(r.equal);
  CHECK(r.why == "sets differ; missing [1]; unexpected [3]");
}

TEST_CASE("compare: unordered ignores top-level order only") {
  auto unordered = mode(CompareMode::unordered);
  CHECK(compare_values(ints({0, 1}), ints({1, 0}), unordered).equal);
  CHECK(compare_values(ints({1, 1, 2}), ints({1, 2, 1}), unordered).equal);
  auto r = compare_values(ints({1, 1, 2}), ints({1, 2, 2}), unordered);
  CHECK_FALSE(r.equal);
  CHECK(r.why.find("missing [1]; unexpected [2]") != std::string::npos);
  Value nested_a = Value::list({ints({1, 2}), ints({3})});
  Value nested_b = Value::list({ints({3}), ints({2, 1})});
  CHECK_FALSE(compare_values(nested_a, nested_b, unordered).equal);  // inner order matters
}

TEST_CASE("compare: nested-unordered ignores order at every level") {
  auto nested = mode(CompareMode::nested_unordered);
  Value a = Value::list({strs({"eat", "tea", "ate"}), strs({"bat"}), strs({"nat", "tan"})});
  Value b = Value::list({strs({"bat"}), strs({"tan", "nat"}), strs({"ate", "eat", "tea"})});
  CHECK(compare_values(a, b, nested).equal);
  Value c = Value::list({strs({"bat"}), strs({"tan", "nat", "tea"}), strs({"ate", "eat"})});
  auto r = compare_values(a, c, nested);
  CHECK_FALSE(r.equal);
  CHECK(r.why.find("order ignored") != std::string::npos);
  CHECK_FALSE(
      compare_values(Value::list({strs({"a", "a"})}), Value::list({strs({"a"})}), nested).equal);
}

TEST_CASE("compare: float tolerance") {
  CompareSpec f = mode(CompareMode::floating);
  f.abs_tol = 1e-6;
  f.rel_tol = 1e-6;
  CHECK(compare_values(Value::real(1.0), Value::real(1.0000005), f).equal);
  CHECK_FALSE(compare_values(Value::real(1.0), Value::real(1.00001), f).equal);
  CHECK(compare_values(Value::real(1e9), Value::real(1e9 + 100), f).equal);  // relative
  CHECK(compare_values(Value::list({Value::real(0.5)}), Value::list({Value::real(0.5000001)}), f)
            .equal);
  CHECK_FALSE(compare_values(Value::real(INFINITY), Value::real(1e308), f).equal);
  CHECK(compare_values(Value::real(INFINITY), Value::real(INFINITY), f).equal);
  CHECK_FALSE(compare_values(Value::real(NAN), Value::real(0.0), f).equal);
}

TEST_CASE("compare: long strings show where they differ") {
  std::string a(200, 'a');
  std::string b = a;
  b[150] = 'b';
  auto r = compare_values(Value::str(a), Value::str(b), mode(CompareMode::exact));
  CHECK_FALSE(r.equal);
  CHECK(r.why.find("differ at character 150") != std::string::npos);
}

TEST_CASE("compare: set ignores order at the top level, and wants each item once") {
  CHECK(compare_values(strs({"a", "b"}), strs({"b", "a"}), mode(CompareMode::set)).equal);
  Comparison twice =
      compare_values(strs({"a", "b"}), strs({"b", "a", "a"}), mode(CompareMode::set));
  CHECK_FALSE(twice.equal);
  CHECK(twice.why == "'a' appears more than once; each item must appear once");
  Comparison c = compare_values(strs({"a", "b"}), strs({"a", "c"}), mode(CompareMode::set));
  CHECK_FALSE(c.equal);
  CHECK(c.why.find("missing ['b']") != std::string::npos);
  CHECK(c.why.find("unexpected ['c']") != std::string::npos);
}

TEST_CASE("compare: node values compare by serialisation and type") {
  Value a = Value::nodes(Value::Kind::linked_list, ints({1, 2}).items());
  Value b = Value::nodes(Value::Kind::linked_list, ints({2, 1}).items());
  CHECK(compare_values(a, a, mode(CompareMode::exact)).equal);
  // unordered applies to sequences, never to the order of a linked list
  CHECK_FALSE(compare_values(a, b, mode(CompareMode::unordered)).equal);
  Comparison plain = compare_values(a, ints({1, 2}), mode(CompareMode::exact));
  CHECK_FALSE(plain.equal);
  CHECK(plain.why.find("expected ListNode") != std::string::npos);
  CHECK(plain.why.find("got list") != std::string::npos);
}

TEST_CASE("compare: program output token by token") {
  CompareSpec tokens = mode(CompareMode::tokens);
  CHECK(compare_output("1 2\n3\n", "1\n2 3", tokens).equal);  // whitespace is free
  Comparison wrong = compare_output("1\n2\n", "1\n3\n", tokens);
  CHECK_FALSE(wrong.equal);
  CHECK(wrong.why == "line 2, token 2: expected `2`, got `3`");
  CHECK(compare_output("1 2", "1", tokens).why.find("the output ended after 1 token") == 0);
  CHECK(compare_output("1", "1 2", tokens).why.find("extra output after the expected 1 token") ==
        0);
  CHECK_FALSE(compare_output("Yes", "YES", tokens).equal);
  tokens.output.case_sensitive = false;
  CHECK(compare_output("Yes", "YES", tokens).equal);
  CHECK_FALSE(compare_output("0.5", "0.5000001", tokens).equal);
  tokens.output.has_tolerance = true;
  tokens.abs_tol = tokens.rel_tol = 1e-6;
  CHECK(compare_output("0.5", "0.5000001", tokens).equal);
  CHECK(compare_output("1000000", "1000000.5", tokens).equal);  // relative
  CHECK_FALSE(compare_output("0.5", "0.51", tokens).equal);
  CHECK_FALSE(compare_output("0.5", "nan", tokens).equal);  // only decimal notation is a number
  tokens.output.space_sensitive = true;
  CHECK(compare_output("1 2\n", "1 2", tokens).equal);  // a final newline aside
  CHECK_FALSE(compare_output("1 2\n", "1  2\n", tokens).equal);
  CHECK_FALSE(compare_output("1\n2\n", "1 2\n", tokens).equal);
}
