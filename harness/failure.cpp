#include "harness/failure.hpp"

#include <fmt/format.h>

namespace pyjudge::harness {

namespace {

constexpr size_t k_max_message = 1000;

struct Fetched {
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  PyObject* tb = nullptr;
  Fetched() {
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyErr_Clear();
  }
  Fetched(const Fetched&) = delete;
  Fetched& operator=(const Fetched&) = delete;
  ~Fetched() {
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
  }
};

bool is_plain_scalar(PyObject* o) {
  return o == Py_None || PyBool_Check(o) || PyLong_CheckExact(o) || PyFloat_CheckExact(o) ||
         PyUnicode_CheckExact(o) || PyBytes_CheckExact(o);
}

std::string utf8(PyObject* s) {
  if (s == nullptr || !PyUnicode_Check(s)) {
    return {};
  }
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(s, &n);
  if (p == nullptr) {
    PyErr_Clear();
    return "<text with invalid characters>";
  }
  return std::string(p, static_cast<size_t>(std::min<Py_ssize_t>(n, k_max_message)));
}

// str(exc) computed by the exception's builtin type from plain-data arguments only.
std::string safe_message(PyObject* value) {
  if (value == nullptr || !PyExceptionInstance_Check(value)) {
    return {};
  }
  PyObject* args = reinterpret_cast<PyBaseExceptionObject*>(value)->args;
  if (args == nullptr || !PyTuple_CheckExact(args)) {
    return "<exception arguments not shown>";
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i) {
    PyObject* a = PyTuple_GET_ITEM(args, i);
    if (!is_plain_scalar(a)) {
      return fmt::format("<argument of type {} not shown>", Py_TYPE(a)->tp_name);
    }
  }
  // Find the nearest builtin (static) type in the MRO, whose tp_str is trusted C code.
  PyTypeObject* t = Py_TYPE(value);
  while (t != nullptr && (t->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0) {
    t = t->tp_base;
  }
  if (t == nullptr || t->tp_str == nullptr) {
    return {};
  }
  PyObject* s = t->tp_str(value);
  if (s == nullptr) {
    PyErr_Clear();
    return "<message could not be formatted>";
  }
  std::string out = utf8(s);
  Py_DECREF(s);
  return out;
}

std::string type_name(PyObject* type) {
  if (type == nullptr || !PyType_Check(type)) {
    return "Exception";
  }
  const char* name = reinterpret_cast<PyTypeObject*>(type)->tp_name;
  std::string_view n(name);
  if (auto dot = n.rfind('.'); dot != std::string_view::npos) {
    n.remove_prefix(dot + 1);
  }
  return std::string(n);
}

// Innermost traceback entry in the candidate's file: its line and function.
void locate(PyObject* tb, const std::string& candidate_file, Failure& f) {
  for (PyObject* t = tb; t != nullptr && t != Py_None && PyTraceBack_Check(t);) {
    auto* tbo = reinterpret_cast<PyTracebackObject*>(t);
    PyCodeObject* code = PyFrame_GetCode(tbo->tb_frame);
    if (code != nullptr) {
      if (utf8(code->co_filename) == candidate_file) {
        PyObject* line = PyObject_GetAttrString(t, "tb_lineno");
        if (line != nullptr && PyLong_CheckExact(line)) {
          f.line = static_cast<int32_t>(PyLong_AsLong(line));
        }
        Py_XDECREF(line);
        PyErr_Clear();
        f.function = utf8(code->co_name);
      }
      Py_DECREF(code);
    }
    t = reinterpret_cast<PyObject*>(tbo->tb_next);
  }
}

long int_attr(PyObject* o, const char* name) {
  PyObject* v = PyObject_GetAttrString(o, name);
  long out = 0;
  if (v != nullptr && PyLong_CheckExact(v)) {
    out = PyLong_AsLong(v);
  }
  Py_XDECREF(v);
  PyErr_Clear();
  return out;
}

}  // namespace

Failure take_failure(const std::string& candidate_file) {
  Fetched e;
  Failure f;
  f.type = type_name(e.type);
  f.message = safe_message(e.value);
  locate(e.tb, candidate_file, f);
  return f;
}

Failure take_syntax_failure() {
  Fetched e;
  Failure f;
  f.type = type_name(e.type);
  if (e.value != nullptr &&
      PyObject_TypeCheck(e.value, reinterpret_cast<PyTypeObject*>(PyExc_SyntaxError))) {
    auto* se = reinterpret_cast<PySyntaxErrorObject*>(e.value);
    f.message = utf8(se->msg);
    f.line = static_cast<int32_t>(int_attr(e.value, "lineno"));
    f.column = static_cast<int32_t>(int_attr(e.value, "offset"));
  } else {
    f.message = safe_message(e.value);  // e.g. ValueError: source code cannot contain null bytes
  }
  return f;
}

std::string pending_error_type() {
  PyObject* t = PyErr_Occurred();
  return t == nullptr ? "" : type_name(t);
}

}  // namespace pyjudge::harness
