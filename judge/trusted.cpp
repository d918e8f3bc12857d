#include "judge/trusted.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "harness/wire.hpp"
#include "judge/runner.hpp"

namespace pyjudge::judge {

namespace {

std::string describe(const harness::Failure& f) {
  std::string text = f.message.empty() ? f.type : f.type + ": " + f.message;
  if (f.line > 0) {
    text += fmt::format(" (line {}{})", f.line, f.function.empty() ? "" : " in " + f.function);
  }
  return text;
}

}  // namespace

std::vector<TrustedResult> run_trusted(const TrustedRun& run,
                                       const std::vector<TrustedCall>& calls) {
  std::vector<TrustedResult> out(calls.size());
  if (calls.empty()) {
    return out;
  }
  std::ifstream in(run.file, std::ios::binary);
  std::stringstream source;
  source << in.rdbuf();
  if (!in) {
    for (auto& r : out) {
      r.error = fmt::format("cannot read {}", run.file.string());
    }
    return out;
  }
  RunRequest req;
  req.harness_exe = run.harness_exe;
  req.job.style = harness::CallStyle::function;
  req.job.entry = run.entry;
  req.job.filename = utf8_repaired(run.file.filename().string());
  req.job.source = source.str();
  req.job.unsafe = run.unsafe;
  req.job.limits.time_ms = run.time_ms;
  req.job.limits.memory_mb = run.memory_mb;
  req.job.limits.output_bytes = 256u << 20;
  req.time_ms = run.time_ms;
  req.wall_ms = 2 * run.time_ms + 1000;
  std::vector<harness::TestRequest> requests;
  for (size_t i = 0; i < calls.size(); ++i) {
    harness::TestRequest t;
    t.index = static_cast<uint32_t>(i);
    harness::Call c;
    c.method = run.entry;
    c.args = to_wire(Value::tuple(calls[i].args));
    if (calls[i].kwargs.size() > 0) {
      c.kwargs = to_wire(calls[i].kwargs);
    }
    t.calls.push_back(std::move(c));
    requests.push_back(std::move(t));
  }
  std::vector<EncodedTest> encoded = encode_tests(requests);
  req.tests = encoded;
  size_t done = 0;
  req.on_result = [&](const harness::Result& r, uint64_t) {
    TrustedResult& res = out.at(done++);
    switch (r.status) {
      case harness::ResultStatus::ok:
        try {
          res.value = from_wire(r.value, wire::k_max_values);
        } catch (const wire::DecodeError& e) {
          res.error = std::string("its result could not be read: ") + e.what();
        }
        return;
      case harness::ResultStatus::exception:
        res.error = "raised " + describe(r.failure);
        break;
      case harness::ResultStatus::bad_value:
        res.error = "returned " + r.failure.message;
        break;
      case harness::ResultStatus::output_limit:
        res.error = "printed or returned more than 256 MB";
        break;
    }
    if (!r.err.head.empty()) {
      res.error += "\n" + r.err.head;
    }
  };
  RunOutcome o = run_harness(req);
  std::string why;
  if (o.ready && o.ready->status != harness::ReadyStatus::ok) {
    why = o.ready->status == harness::ReadyStatus::missing_entry
              ? fmt::format("{} does not define {}()", run.file.filename().string(), run.entry)
          : o.ready->status == harness::ReadyStatus::output_limit
              ? "it printed more than the output limit while loading"
              : "it does not load: " + describe(o.ready->failure);
  } else if (o.ending != Ending::completed) {
    why = o.message.empty() ? "it ended without answering" : o.message;
    if (o.ending == Ending::cpu_limit || o.ending == Ending::wall_limit) {
      why = fmt::format("it took longer than {} ms", run.time_ms);
    } else if (o.signal != 0) {
      why = fmt::format("it was killed by signal {}", o.signal);
    } else if (o.ending == Ending::died) {
      why = fmt::format("it exited with status {}{}", o.exit_code,
                        o.diagnostics.empty() ? "" : ": " + o.diagnostics.substr(0, 1000));
    }
  }
  for (size_t i = done; i < out.size(); ++i) {
    out[i].error = why.empty() ? "no result" : why;
  }
  return out;
}

}  // namespace pyjudge::judge
