#include "harness/protocol.hpp"

#include "harness/wire.hpp"

namespace pyjudge::harness {

using wire::DecodeError;
using wire::Reader;
using wire::Writer;

namespace {

void put(Writer& w, const Failure& f) {
  w.str(f.type);
  w.str(f.builtin_type);
  w.str(f.message);
  w.i64(f.line);
  w.i64(f.column);
  w.str(f.function);
  w.i64(f.code_line);
}

Failure get_failure(Reader& r) {
  Failure f;
  f.type = r.str();
  f.builtin_type = r.str();
  f.message = r.str();
  f.line = static_cast<int32_t>(r.i64());
  f.column = static_cast<int32_t>(r.i64());
  f.function = r.str();
  f.code_line = static_cast<int32_t>(r.i64());
  return f;
}

void put(Writer& w, const Captured& c) {
  w.str(c.head);
  w.u64(c.total);
}

Captured get_captured(Reader& r) {
  Captured c;
  c.head = r.str();
  c.total = r.u64();
  return c;
}

void put(Writer& w, const std::vector<std::string>& names) {
  w.u32(static_cast<uint32_t>(names.size()));
  for (const auto& n : names) {
    w.str(n);
  }
}

std::vector<std::string> get_names(Reader& r) {
  uint32_t n = r.u32();
  if (n > r.remaining() / 4) {
    throw DecodeError("name count exceeds the frame");
  }
  std::vector<std::string> out;
  for (uint32_t i = 0; i < n; ++i) {
    out.emplace_back(r.str());
  }
  return out;
}

template <typename Enum>
Enum get_enum(Reader& r, Enum max, const char* what) {
  uint8_t v = r.u8();
  if (v > static_cast<uint8_t>(max)) {
    throw DecodeError(std::string("bad ") + what + " " + std::to_string(v));
  }
  return static_cast<Enum>(v);
}

}  // namespace

std::string encode(const Job& job) {
  Writer w;
  w.u8(static_cast<uint8_t>(job.style));
  w.str(job.scratch_dir);
  w.boolean(job.unsafe);
  w.str(job.entry);
  w.str(job.filename);
  w.str(job.source);
  w.u32(job.limits.time_ms);
  w.u32(job.limits.memory_mb);
  w.u64(job.limits.output_bytes);
  w.u32(job.limits.capture_bytes);
  w.boolean(job.limits.tasks_in_cgroup);
  w.u32(job.test_count);
  w.i64(job.observe);
  w.boolean(job.fresh_nodes);
  w.str(job.helpers);
  w.str(job.code_file);
  w.u32(job.helpers_line);
  w.boolean(job.timing);
  return w.take();
}

Job decode_job(std::string_view payload) {
  Reader r(payload);
  Job job;
  job.style = get_enum(r, CallStyle::program, "call style");
  job.scratch_dir = r.str();
  job.unsafe = r.boolean();
  job.entry = r.str();
  job.filename = r.str();
  job.source = r.str();
  job.limits.time_ms = r.u32();
  job.limits.memory_mb = r.u32();
  job.limits.output_bytes = r.u64();
  job.limits.capture_bytes = r.u32();
  job.limits.tasks_in_cgroup = r.boolean();
  job.test_count = r.u32();
  job.observe = static_cast<int32_t>(r.i64());
  job.fresh_nodes = r.boolean();
  job.helpers = r.str();
  job.code_file = r.str();
  job.helpers_line = r.u32();
  job.timing = r.boolean();
  r.expect_end();
  return job;
}

std::string encode(const TestRequest& test) {
  Writer w;
  w.u32(test.index);
  w.u32(static_cast<uint32_t>(test.calls.size()));
  for (const Call& c : test.calls) {
    w.str(c.method);
    w.str(c.args);
    w.str(c.kwargs);
    w.u32(c.take);
    w.str(c.text);
    w.u32(c.line);
  }
  return w.take();
}

TestRequest decode_test(std::string_view payload) {
  Reader r(payload);
  TestRequest t;
  t.index = r.u32();
  uint32_t n = r.u32();
  if (n > r.remaining()) {
    throw DecodeError("call count " + std::to_string(n) + " exceeds the frame");
  }
  t.calls.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Call c;
    c.method = r.str();
    c.args = r.str();
    c.kwargs = r.str();
    c.take = r.u32();
    c.text = r.str();
    c.line = r.u32();
    t.calls.push_back(std::move(c));
  }
  r.expect_end();
  return t;
}

std::string encode(const Ready& ready) {
  Writer w;
  w.u8(static_cast<uint8_t>(ready.status));
  put(w, ready.failure);
  put(w, ready.blocked);
  return w.take();
}

Ready decode_ready(std::string_view payload) {
  Reader r(payload);
  Ready ready;
  ready.status = get_enum(r, ReadyStatus::output_limit, "ready status");
  ready.failure = get_failure(r);
  ready.blocked = get_names(r);
  r.expect_end();
  return ready;
}

std::string encode(const Result& result) {
  Writer w;
  w.u32(result.index);
  w.u8(static_cast<uint8_t>(result.status));
  w.str(result.value);
  w.u32(result.failed_call);
  put(w, result.failure);
  w.u64(result.cpu_ns);
  w.u64(result.wall_ns);
  put(w, result.out);
  put(w, result.err);
  put(w, result.blocked);
  w.u32(result.repetitions);
  w.u64(result.loop_cpu_ns);
  w.u64(result.first_cpu_ns);
  return w.take();
}

Result decode_result(std::string_view payload) {
  Reader r(payload);
  Result res;
  res.index = r.u32();
  res.status = get_enum(r, ResultStatus::output_limit, "result status");
  res.value = r.str();
  res.failed_call = r.u32();
  res.failure = get_failure(r);
  res.cpu_ns = r.u64();
  res.wall_ns = r.u64();
  res.out = get_captured(r);
  res.err = get_captured(r);
  res.blocked = get_names(r);
  res.repetitions = r.u32();
  res.loop_cpu_ns = r.u64();
  res.first_cpu_ns = r.u64();
  r.expect_end();
  return res;
}

std::string encode(const std::vector<Layer>& layers) {
  Writer w;
  w.u32(static_cast<uint32_t>(layers.size()));
  for (const Layer& l : layers) {
    w.str(l.name);
    w.boolean(l.active);
    w.str(l.detail);
    w.u64(l.setup_ns);
  }
  return w.take();
}

std::vector<Layer> decode_layers(std::string_view payload) {
  Reader r(payload);
  uint32_t n = r.u32();
  if (n > r.remaining()) {
    throw DecodeError("layer count exceeds the frame");
  }
  std::vector<Layer> out;
  for (uint32_t i = 0; i < n; ++i) {
    Layer l;
    l.name = r.str();
    l.active = r.boolean();
    l.detail = r.str();
    l.setup_ns = r.u64();
    out.push_back(std::move(l));
  }
  r.expect_end();
  return out;
}

}  // namespace pyjudge::harness
