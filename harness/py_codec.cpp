#include "harness/py_codec.hpp"

#include <fmt/format.h>

#include <vector>

namespace pyjudge::harness {

namespace {

struct Ref {  // owns one reference
  PyObject* p = nullptr;
  explicit Ref(PyObject* o) : p(o) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() { Py_XDECREF(p); }
  PyObject* release() {
    PyObject* o = p;
    p = nullptr;
    return o;
  }
};

// Names the builtin a subclass derives from, to make the message actionable.
std::string describe_type(PyObject* obj) {
  PyTypeObject* t = Py_TYPE(obj);
  struct Base {
    PyTypeObject* type;
    const char* name;
  };
  const Base bases[] = {
      {&PyList_Type, "list"},   {&PyTuple_Type, "tuple"},         {&PyDict_Type, "dict"},
      {&PySet_Type, "set"},     {&PyFrozenSet_Type, "frozenset"}, {&PyLong_Type, "int"},
      {&PyFloat_Type, "float"}, {&PyUnicode_Type, "str"},         {&PyBytes_Type, "bytes"}};
  for (const Base& b : bases) {
    if (PyType_IsSubtype(t, b.type) != 0) {
      return fmt::format("`{}` (a subclass of {}); return a plain {} instead", t->tp_name, b.name,
                         b.name);
    }
  }
  return fmt::format(
      "`{}`; return plain data: int, float, bool, str, bytes, None, list, "
      "tuple, dict, set or frozenset",
      t->tp_name);
}

class Encoder {
 public:
  Encoder(wire::Writer& w, size_t max_bytes) : w_(w), max_(max_bytes) {}

  bool encode(PyObject* o, int depth) {
    if (depth > wire::k_max_depth) {
      return fail(EncodeError::Kind::too_deep,
                  fmt::format("the value is nested deeper than {} levels", wire::k_max_depth));
    }
    if (w_.size() > max_) {
      return too_large();
    }
    if (++count_ > wire::k_max_values) {
      return fail(EncodeError::Kind::too_large,
                  fmt::format("the value has more than {} elements", wire::k_max_values));
    }
    if (o == Py_None) {
      w_.u8(wire::tag::k_none);
      return true;
    }
    if (PyBool_Check(o)) {  // bool cannot be subclassed
      w_.u8(o == Py_True ? wire::tag::k_true : wire::tag::k_false);
      return true;
    }
    if (PyLong_CheckExact(o)) {
      return integer(o);
    }
    if (PyFloat_CheckExact(o)) {
      w_.u8(wire::tag::k_float);
      w_.f64(PyFloat_AS_DOUBLE(o));
      return true;
    }
    if (PyUnicode_CheckExact(o)) {
      Py_ssize_t n = 0;
      const char* s = PyUnicode_AsUTF8AndSize(o, &n);
      if (s == nullptr) {
        PyErr_Clear();
        return fail(EncodeError::Kind::bad_text,
                    "a str contains characters that are not valid Unicode (lone surrogates)");
      }
      return text(wire::tag::k_str, s, n);
    }
    if (PyBytes_CheckExact(o)) {
      return text(wire::tag::k_bytes, PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o));
    }
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o) || PyDict_CheckExact(o) ||
        PySet_CheckExact(o) || PyFrozenSet_CheckExact(o)) {
      return container(o, depth);
    }
    return fail(EncodeError::Kind::bad_type, "a value of type " + describe_type(o));
  }

  EncodeError take_error() { return std::move(error_); }

 private:
  bool integer(PyObject* o) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow == 0) {
      w_.u8(wire::tag::k_int);
      w_.i64(v);
      return true;
    }
    // Outside int64: sign and magnitude bytes, linear time whatever the size.
    int64_t bits = static_cast<int64_t>(_PyLong_NumBits(o));
    size_t nbytes = static_cast<size_t>((bits + 7) / 8);
    if (bits < 0 || w_.size() + nbytes > max_) {
      return too_large();
    }
    Ref magnitude(overflow < 0 ? PyNumber_Negative(o) : (Py_INCREF(o), o));
    if (magnitude.p == nullptr) {
      PyErr_Clear();
      return fail(EncodeError::Kind::too_large, "an int too large to encode");
    }
    std::string buf(nbytes, '\0');
    if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(magnitude.p),
                            reinterpret_cast<unsigned char*>(buf.data()), nbytes, 1, 0) != 0) {
      PyErr_Clear();
      return fail(EncodeError::Kind::too_large, "an int too large to encode");
    }
    w_.u8(wire::tag::k_big_int);
    w_.u8(overflow < 0 ? 1 : 0);
    w_.str(buf);
    return true;
  }

  bool text(char tag, const char* s, Py_ssize_t n) {
    if (w_.size() + static_cast<size_t>(n) > max_) {
      return too_large();
    }
    w_.u8(static_cast<uint8_t>(tag));
    w_.str(std::string_view(s, static_cast<size_t>(n)));
    return true;
  }

  bool container(PyObject* o, int depth) {
    for (PyObject* open : path_) {
      if (open == o) {
        return fail(EncodeError::Kind::cycle,
                    fmt::format("a self-referencing {} (it contains itself); return plain data "
                                "without cycles",
                                Py_TYPE(o)->tp_name));
      }
    }
    path_.push_back(o);
    bool ok = PyDict_CheckExact(o) ? dict(o, depth) : items(o, depth);
    path_.pop_back();
    return ok;
  }

  bool items(PyObject* o, int depth) {
    char tag = PyList_CheckExact(o)    ? wire::tag::k_list
               : PyTuple_CheckExact(o) ? wire::tag::k_tuple
               : PySet_CheckExact(o)   ? wire::tag::k_set
                                       : wire::tag::k_frozenset;
    w_.u8(static_cast<uint8_t>(tag));
    if (tag == wire::tag::k_list || tag == wire::tag::k_tuple) {
      // The GIL is held and no Python code runs here, so the size cannot change under us.
      Py_ssize_t n = tag == wire::tag::k_list ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
      w_.u32(static_cast<uint32_t>(n));
      for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* item = tag == wire::tag::k_list ? PyList_GET_ITEM(o, i) : PyTuple_GET_ITEM(o, i);
        if (!encode(item, depth + 1)) {
          return at(fmt::format("[{}]", i));
        }
      }
      return true;
    }
    w_.u32(static_cast<uint32_t>(PySet_GET_SIZE(o)));
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    Py_hash_t hash = 0;
    while (_PySet_NextEntry(o, &pos, &key, &hash) != 0) {
      if (!encode(key, depth + 1)) {
        return at("{…}");
      }
    }
    return true;
  }

  bool dict(PyObject* o, int depth) {
    w_.u8(wire::tag::k_dict);
    w_.u32(static_cast<uint32_t>(PyDict_Size(o)));
    Py_ssize_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(o, &pos, &key, &value) != 0) {
      if (!encode(key, depth + 1)) {
        return at("{key}");
      }
      if (!encode(value, depth + 1)) {
        return at("[key #" + std::to_string(pos - 1) + "]");
      }
    }
    return true;
  }

  bool too_large() {
    return fail(EncodeError::Kind::too_large,
                fmt::format("the value is larger than the output limit of {} bytes", max_));
  }

  bool fail(EncodeError::Kind kind, std::string message) {
    error_ = {kind, std::move(message)};
    return false;
  }

  // Prefixes the failing element's position as the error travels up: "at [2][0]: …".
  bool at(const std::string& step) {
    if (error_.kind == EncodeError::Kind::too_large) {
      return false;  // position is noise for size errors
    }
    if (error_.message.starts_with("at ")) {
      error_.message.insert(3, step);
    } else {
      error_.message = "at " + step + ": " + error_.message;
    }
    return false;
  }

  wire::Writer& w_;
  size_t max_;
  std::vector<PyObject*> path_;  // containers being encoded, for cycle detection
  size_t count_ = 0;
  EncodeError error_;
};

PyObject* check(PyObject* o) {
  if (o == nullptr) {
    PyErr_Clear();
    throw wire::DecodeError("cannot build a Python object from the wire value");
  }
  return o;
}

PyObject* decode_at(wire::Reader& r, int depth) {
  if (depth > wire::k_max_depth) {
    throw wire::DecodeError("argument nested too deeply");
  }
  char t = static_cast<char>(r.u8());
  switch (t) {
    case wire::tag::k_none:
      Py_RETURN_NONE;
    case wire::tag::k_true:
      Py_RETURN_TRUE;
    case wire::tag::k_false:
      Py_RETURN_FALSE;
    case wire::tag::k_int:
      return check(PyLong_FromLongLong(r.i64()));
    case wire::tag::k_big_int: {
      bool negative = r.boolean();
      std::string_view mag = r.str();
      Ref v(check(_PyLong_FromByteArray(reinterpret_cast<const unsigned char*>(mag.data()),
                                        mag.size(), 1, 0)));
      return negative ? check(PyNumber_Negative(v.p)) : v.release();
    }
    case wire::tag::k_float:
      return check(PyFloat_FromDouble(r.f64()));
    case wire::tag::k_str: {
      std::string_view s = r.str();
      return check(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict"));
    }
    case wire::tag::k_bytes: {
      std::string_view s = r.str();
      return check(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
    }
    default:
      break;
  }
  uint32_t n = r.u32();
  if (n > r.remaining()) {
    throw wire::DecodeError("container larger than its frame");
  }
  auto size = static_cast<Py_ssize_t>(n);
  switch (t) {
    case wire::tag::k_list:
    case wire::tag::k_tuple: {
      Ref seq(check(t == wire::tag::k_list ? PyList_New(size) : PyTuple_New(size)));
      for (Py_ssize_t i = 0; i < size; ++i) {
        PyObject* item = decode_at(r, depth + 1);
        if (t == wire::tag::k_list) {
          PyList_SET_ITEM(seq.p, i, item);
        } else {
          PyTuple_SET_ITEM(seq.p, i, item);
        }
      }
      return seq.release();
    }
    case wire::tag::k_set:
    case wire::tag::k_frozenset: {
      Ref set(check(t == wire::tag::k_set ? PySet_New(nullptr) : PyFrozenSet_New(nullptr)));
      for (uint32_t i = 0; i < n; ++i) {
        Ref item(decode_at(r, depth + 1));
        if (PySet_Add(set.p, item.p) != 0) {
          check(nullptr);
        }
      }
      return set.release();
    }
    case wire::tag::k_dict: {
      Ref dict(check(PyDict_New()));
      for (uint32_t i = 0; i < n; ++i) {
        Ref key(decode_at(r, depth + 1));
        Ref value(decode_at(r, depth + 1));
        if (PyDict_SetItem(dict.p, key.p, value.p) != 0) {
          check(nullptr);
        }
      }
      return dict.release();
    }
    default:
      throw wire::DecodeError(
          fmt::format("unknown value tag 0x{:02x}", static_cast<unsigned char>(t)));
  }
}

}  // namespace

std::optional<EncodeError> encode_value(PyObject* obj, wire::Writer& w, size_t max_bytes) {
  Encoder e(w, max_bytes);
  if (e.encode(obj, 0)) {
    return std::nullopt;
  }
  return e.take_error();
}

PyObject* decode_value(wire::Reader& r) {
  return decode_at(r, 0);
}

}  // namespace pyjudge::harness
