#include "harness/failure.hpp"

#include <fmt/format.h>

#include "harness/py_codec.hpp"
#include "harness/wire.hpp"
#include "judge/value.hpp"

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
  auto size = static_cast<size_t>(n);
  if (size > k_max_message) {
    size = k_max_message;
    while (size > 0 && (static_cast<unsigned char>(p[size]) >> 6) == 0x2) {
      --size;  // not inside a character
    }
  }
  return std::string(p, size);
}

// Python's repr of a plain scalar, formatted here (no call into any type's slots).
std::string plain_repr(PyObject* o) {
  wire::Writer w;
  if (encode_value(o, w, 4096)) {
    return "…";
  }
  try {
    return judge::repr(judge::from_wire(w.data()), 200);
  } catch (const wire::DecodeError&) {
    return "…";
  }
}

std::string plain_str(PyObject* o) {
  return PyUnicode_CheckExact(o) ? utf8(o) : plain_repr(o);
}

// str(exc) as CPython would print it, built from the exception's arguments when they are
// plain data — never by calling a __str__, __repr__ or a builtin tp_str (which reads
// attributes such as OSError.filename that the candidate may have set to any object).
std::string safe_message(PyObject* value) {
  if (value == nullptr || !PyExceptionInstance_Check(value)) {
    return {};
  }
  PyObject* args = reinterpret_cast<PyBaseExceptionObject*>(value)->args;
  if (args == nullptr || !PyTuple_CheckExact(args)) {
    return "<exception arguments not shown>";
  }
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* a = PyTuple_GET_ITEM(args, i);
    if (!is_plain_scalar(a)) {
      return fmt::format("<argument of type {} not shown>", Py_TYPE(a)->tp_name);
    }
  }
  if (n == 0) {
    return {};
  }
  bool key_error = PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_KeyError)) != 0;
  if (n == 1) {
    PyObject* a = PyTuple_GET_ITEM(args, 0);
    return key_error ? plain_repr(a) : plain_str(a);  // KeyError shows repr(key)
  }
  bool os_error = PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_OSError)) != 0;
  if (os_error && PyLong_CheckExact(PyTuple_GET_ITEM(args, 0)) &&
      PyUnicode_CheckExact(PyTuple_GET_ITEM(args, 1))) {
    // OSError(errno, strerror[, filename]) prints "[Errno 2] No such file or directory: 'f'"
    std::string out = fmt::format("[Errno {}] {}", plain_repr(PyTuple_GET_ITEM(args, 0)),
                                  utf8(PyTuple_GET_ITEM(args, 1)));
    if (n >= 3) {
      out += ": " + plain_repr(PyTuple_GET_ITEM(args, 2));
    }
    return out;
  }
  return plain_repr(args);
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

// The nearest builtin (static) class in the exception's MRO: names the candidate cannot
// choose.
std::string builtin_type_name(PyObject* type) {
  if (type == nullptr || !PyType_Check(type)) {
    return "Exception";
  }
  auto* t = reinterpret_cast<PyTypeObject*>(type);
  while (t != nullptr && (t->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0) {
    t = t->tp_base;
  }
  return t == nullptr ? "Exception" : type_name(reinterpret_cast<PyObject*>(t));
}

// Innermost traceback entry in the candidate's file: its line and function.
void locate(PyObject* tb, const std::string& candidate_file, const std::string& code_file,
            Failure& f) {
  auto line_of = [](PyObject* t) {
    PyObject* line = PyObject_GetAttrString(t, "tb_lineno");
    int32_t n =
        line != nullptr && PyLong_CheckExact(line) ? static_cast<int32_t>(PyLong_AsLong(line)) : 0;
    Py_XDECREF(line);
    PyErr_Clear();
    return n;
  };
  for (PyObject* t = tb; t != nullptr && t != Py_None && PyTraceBack_Check(t);) {
    auto* tbo = reinterpret_cast<PyTracebackObject*>(t);
    PyCodeObject* code = PyFrame_GetCode(tbo->tb_frame);
    if (code != nullptr) {
      std::string file = utf8(code->co_filename);
      if (file == candidate_file) {
        f.line = line_of(t);
        f.function = utf8(code->co_name);
      } else if (!code_file.empty() && file == code_file) {
        f.code_line = line_of(t);
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

Failure take_failure(const std::string& candidate_file, const std::string& code_file) {
  Fetched e;
  Failure f;
  f.type = type_name(e.type);
  f.builtin_type = builtin_type_name(e.type);
  f.message = safe_message(e.value);
  locate(e.tb, candidate_file, code_file, f);
  return f;
}

Failure take_syntax_failure() {
  Fetched e;
  Failure f;
  f.type = type_name(e.type);
  f.builtin_type = builtin_type_name(e.type);
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
