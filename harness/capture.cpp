#include "harness/capture.hpp"

#include <pybind11/embed.h>

namespace py = pybind11;

namespace pyjudge::harness {

namespace {
PyObject* g_output_limit = nullptr;  // _pyjudge.OutputLimitExceeded
}

size_t OutputSink::write(const py::object& text) {
  // Bytes too: `sys.stdout.buffer` is the sink itself (programs write through it).
  if (PyBytes_Check(text.ptr()) || PyByteArray_Check(text.ptr()) ||
      PyMemoryView_Check(text.ptr())) {
    py::bytes b(text);
    char* data = nullptr;
    Py_ssize_t n = 0;
    if (PyBytes_AsStringAndSize(b.ptr(), &data, &n) != 0) {
      throw py::error_already_set();
    }
    append(data, static_cast<size_t>(n));
    return static_cast<size_t>(n);
  }
  if (!PyUnicode_Check(text.ptr())) {
    throw py::type_error(std::string("write() argument must be str, not ") +
                         Py_TYPE(text.ptr())->tp_name);
  }
  Py_ssize_t n = 0;
  const char* s = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
  if (s == nullptr) {
    // Lone surrogates have no UTF-8: they are written as \udcxx (errors="backslashreplace",
    // as the sink says), the rest of the text as it is.
    PyErr_Clear();
    py::object escaped = py::reinterpret_steal<py::object>(
        PyUnicode_AsEncodedString(text.ptr(), "utf-8", "backslashreplace"));
    if (!escaped) {
      throw py::error_already_set();
    }
    append(PyBytes_AS_STRING(escaped.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(escaped.ptr())));
    return static_cast<size_t>(PyUnicode_GET_LENGTH(text.ptr()));
  }
  append(s, static_cast<size_t>(n));
  return static_cast<size_t>(PyUnicode_GET_LENGTH(text.ptr()));
}

void OutputSink::append(const char* s, size_t len) {
  if (head_.size() < keep_) {
    head_.append(s, std::min(len, keep_ - head_.size()));
  }
  total_ += len;
  if (overflowed()) {
    PyErr_SetString(g_output_limit, "printed output exceeded the judge's limit");
    throw py::error_already_set();
  }
}

void OutputSink::reset() {
  head_.clear();
  total_ = 0;
}

Captured OutputSink::take() {
  if (total_ > head_.size()) {
    // Cut at keep_ bytes: a character the cut split in two is left out whole, so text the
    // candidate wrote as UTF-8 stays UTF-8.
    size_t i = head_.size();
    size_t continuation = 0;
    while (i > 0 && continuation < 3 && (static_cast<unsigned char>(head_[i - 1]) >> 6) == 0x2) {
      --i;
      ++continuation;
    }
    if (i > 0) {
      auto lead = static_cast<unsigned char>(head_[i - 1]);
      size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 1;
      if (length > continuation + 1) {
        head_.resize(i - 1);
      }
    }
  }
  Captured c{std::move(head_), total_};
  reset();
  return c;
}

Sinks install_sinks(size_t keep, uint64_t limit) {
  py::module_ sys = py::module_::import("sys");
  py::module_ m = py::module_::import("_pyjudge");
  py::object out = m.attr("OutputSink")(keep, limit);
  py::object err = m.attr("OutputSink")(keep, limit);
  sys.attr("stdout") = out;
  sys.attr("stderr") = err;
  sys.attr("__stdout__") = out;
  sys.attr("__stderr__") = err;
  return {out, err, out.cast<OutputSink*>(), err.cast<OutputSink*>()};
}

bool output_limit_pending() {
  return g_output_limit != nullptr && PyErr_ExceptionMatches(g_output_limit) != 0;
}

}  // namespace pyjudge::harness

PYBIND11_EMBEDDED_MODULE(_pyjudge, m) {
  using pyjudge::harness::OutputSink;
  static py::exception<pyjudge::harness::OutputSink> limit(m, "OutputLimitExceeded",
                                                           PyExc_BaseException);
  pyjudge::harness::g_output_limit = limit.ptr();
  py::class_<OutputSink>(m, "OutputSink")
      .def(py::init<size_t, uint64_t>())
      .def("write", &OutputSink::write)
      .def("writelines",
           [](OutputSink& self, const py::iterable& lines) {
             for (const auto& line : lines) {
               self.write(py::reinterpret_borrow<py::object>(line));
             }
           })
      .def("flush", [](OutputSink&) {})
      .def("isatty", [](OutputSink&) { return false; })
      .def("writable", [](OutputSink&) { return true; })
      .def("readable", [](OutputSink&) { return false; })
      .def("seekable", [](OutputSink&) { return false; })
      .def("close", [](OutputSink&) {})  // a wrapper around .buffer closes it when dropped
      .def("fileno",
           [](OutputSink&) -> int {
             throw py::value_error("the judge's captured output has no file descriptor");
           })
      .def_property_readonly("encoding", [](OutputSink&) { return "utf-8"; })
      .def_property_readonly("errors", [](OutputSink&) { return "backslashreplace"; })
      .def_property_readonly("closed", [](OutputSink&) { return false; })
      .def_property_readonly("buffer", [](py::object self) { return self; });
}
