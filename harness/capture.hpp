// sys.stdout / sys.stderr replacements: keep the first `keep` bytes a test prints, count the
// rest, and stop a runaway printer with OutputLimitExceeded (a BaseException, so a bare
// `except Exception` does not swallow it) once `limit` bytes were written.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include "harness/protocol.hpp"

namespace pyjudge::harness {

class OutputSink {
 public:
  OutputSink(size_t keep, uint64_t limit) : keep_(keep), limit_(limit) {}

  size_t write(const pybind11::object& text);  // str, or bytes (through .buffer)
  void reset();
  void set_keep(size_t keep) { keep_ = keep; }
  Captured take();
  [[nodiscard]] bool overflowed() const { return total_ > limit_; }

 private:
  void append(const char* s, size_t len);
  size_t keep_;
  uint64_t limit_;
  std::string head_;
  uint64_t total_ = 0;
};

// Installs fresh sinks as sys.stdout and sys.stderr. The harness holds its own references,
// so a candidate that replaces or deletes sys.stdout cannot free them under us.
struct Sinks {
  pybind11::object out_ref;
  pybind11::object err_ref;
  OutputSink* out = nullptr;
  OutputSink* err = nullptr;
};
Sinks install_sinks(size_t keep, uint64_t limit);

// Whether the pending Python error is the judge's OutputLimitExceeded (by identity: a
// candidate's own class of that name does not count).
bool output_limit_pending();

}  // namespace pyjudge::harness
