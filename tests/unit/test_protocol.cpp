#include <doctest/doctest.h>
#include <unistd.h>

#include <thread>

#include "harness/protocol.hpp"
#include "harness/wire.hpp"

using namespace pyjudge;
using namespace pyjudge::harness;

TEST_CASE("protocol: every message round-trips") {
  Job job;
  job.style = CallStyle::object;
  job.entry = "LRUCache";
  job.filename = "mine.py";
  job.source = std::string("print(1)\0x", 10);
  job.limits.time_ms = 123;
  job.limits.tasks_in_cgroup = true;
  job.test_count = 2;
  Job j2 = decode_job(encode(job));
  CHECK(j2.limits.tasks_in_cgroup);
  CHECK(j2.style == CallStyle::object);
  CHECK(j2.source == job.source);
  CHECK(j2.limits.time_ms == 123);
  CHECK(j2.test_count == 2);

  job.style = CallStyle::script;
  job.observe = 1;
  job.fresh_nodes = true;
  job.helpers = "x = 1";
  job.code_file = "challenge.yaml";
  job.helpers_line = 9;
  Job j3 = decode_job(encode(job));
  CHECK(j3.style == CallStyle::script);
  CHECK(j3.observe == 1);
  CHECK(j3.fresh_nodes);
  CHECK(j3.helpers == "x = 1");
  CHECK(j3.code_file == "challenge.yaml");
  CHECK(j3.helpers_line == 9);

  TestRequest t;
  t.index = 7;
  t.calls.resize(2);
  t.calls[0].method = "LRUCache";
  t.calls[0].args = std::string("u\x00\x00\x00\x00", 5);
  t.calls[1].method = "get";
  t.calls[1].args = "x";
  t.calls[1].kwargs = "d";
  t.calls[1].take = 5;
  t.calls[1].text = "return 1";
  t.calls[1].line = 12;
  TestRequest t2 = decode_test(encode(t));
  CHECK(t2.index == 7);
  REQUIRE(t2.calls.size() == 2);
  CHECK(t2.calls[0].args.size() == 5);
  CHECK(t2.calls[1].method == "get");
  CHECK(t2.calls[1].kwargs == "d");
  CHECK(t2.calls[1].take == 5);
  CHECK(t2.calls[1].text == "return 1");
  CHECK(t2.calls[1].line == 12);

  Result r;
  r.index = 3;
  r.status = ResultStatus::exception;
  r.failure = {"KeyError", "KeyError", "5", 12, 0, "get"};
  r.cpu_ns = 42;
  r.out = {"hello", 5000};
  r.repetitions = 9;
  r.loop_cpu_ns = 1234567;
  Result r2 = decode_result(encode(r));
  CHECK(r2.repetitions == 9);
  CHECK(r2.loop_cpu_ns == 1234567);
  CHECK(r2.failure.line == 12);
  CHECK(r2.failure.function == "get");
  CHECK(r2.out.total == 5000);
  CHECK(r2.cpu_ns == 42);

  Ready ready{
      ReadyStatus::compile_error, {"SyntaxError", "SyntaxError", "invalid", 3, 7, ""}, {"socket"}};
  CHECK(decode_ready(encode(ready)).failure.column == 7);
  CHECK(decode_ready(encode(ready)).blocked == std::vector<std::string>{"socket"});
  std::vector<Layer> layers{{"seccomp", true, "on"}, {"landlock", false, "off"}};
  auto back = decode_layers(encode(layers));
  REQUIRE(back.size() == 2);
  CHECK(back[1].name == "landlock");
  CHECK_FALSE(back[1].active);
}

TEST_CASE("protocol: malformed payloads throw") {
  CHECK_THROWS_AS(decode_job(""), wire::DecodeError);
  CHECK_THROWS_AS(decode_ready(std::string("\x09", 1)), wire::DecodeError);  // bad status
  std::string ok = encode(Ready{});
  CHECK_THROWS_AS(decode_ready(ok + "x"), wire::DecodeError);  // trailing bytes
  CHECK_THROWS_AS(decode_test(std::string("\0\0\0\0\xff\xff\xff\xff", 8)), wire::DecodeError);
}

TEST_CASE("protocol: frames over a pipe and through the incremental parser") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  REQUIRE(wire::write_frame(fds[1], 11, "payload"));
  REQUIRE(wire::write_frame(fds[1], 12, ""));
  close(fds[1]);
  wire::Frame f;
  wire::FrameBuffer in(100);
  CHECK(wire::read_frame(fds[0], in, f) == wire::IoStatus::ok);
  CHECK(f.type == 11);
  CHECK(f.payload == "payload");
  CHECK(wire::read_frame(fds[0], in, f) == wire::IoStatus::ok);
  CHECK(f.payload.empty());
  CHECK(wire::read_frame(fds[0], in, f) == wire::IoStatus::eof);
  close(fds[0]);
  // The same bytes built in memory (the judge's job, written later with writev).
  std::string built = wire::encode_frame(11, "payload");
  CHECK(built == std::string("\x07\0\0\0\x0bpayload", 12));
  CHECK(built.starts_with(wire::frame_header(11, 7)));
  wire::FrameBuffer parsed(100);
  parsed.append(built + wire::encode_frame(12, ""));
  auto one = parsed.next();
  REQUIRE(one.has_value());
  CHECK(one->type == 11);
  CHECK(one->payload == "payload");
  auto two = parsed.next();
  REQUIRE(two.has_value());
  CHECK((two->type == 12 && two->payload.empty()));
  CHECK_FALSE(parsed.next().has_value());

  // Frames larger than the pipe: written in parts (writev resumed mid-part) while read.
  REQUIRE(pipe(fds) == 0);
  std::string big(300'000, 'x');
  big[0] = 'a';
  big.back() = 'z';
  REQUIRE(wire::write_frame(fds[1], 15, "payload"));
  wire::FrameBuffer tight(4);
  CHECK(wire::read_frame(fds[0], tight, f) == wire::IoStatus::too_large);  // 7 bytes > 4
  close(fds[0]);
  close(fds[1]);
  REQUIRE(pipe(fds) == 0);
  std::thread writer2([&] {
    CHECK(wire::write_frame(fds[1], 13, big));
    CHECK(wire::write_frame(fds[1], 14, "after"));
    REQUIRE(::write(fds[1], "\x09\0\0\0\x0bpart", 9) == 9);  // a frame cut short
    close(fds[1]);
  });
  wire::FrameBuffer roomy(1'000'000);
  CHECK(wire::read_frame(fds[0], roomy, f) == wire::IoStatus::ok);
  CHECK(f.type == 13);
  CHECK(f.payload == big);
  CHECK(wire::read_frame(fds[0], roomy, f) == wire::IoStatus::ok);
  CHECK(f.payload == "after");
  CHECK(wire::read_frame(fds[0], roomy, f) == wire::IoStatus::error);
  writer2.join();
  close(fds[0]);

  wire::Writer w;
  w.u32(3);
  w.u8(10);
  w.raw("abc");
  w.u32(1);
  w.u8(11);
  std::string bytes = w.take();
  wire::FrameBuffer buf(16);
  buf.append(bytes.substr(0, 6));
  CHECK_FALSE(buf.next());
  buf.append(bytes.substr(6));
  auto first = buf.next();
  REQUIRE(first);
  CHECK(first->payload == "abc");
  CHECK_FALSE(buf.next());  // second frame incomplete
  buf.append("z");
  auto second = buf.next();
  REQUIRE(second);
  CHECK(second->payload == "z");

  wire::FrameBuffer small(2);
  small.append(bytes);
  CHECK_THROWS_AS(small.next(), wire::DecodeError);  // over the size limit
}
