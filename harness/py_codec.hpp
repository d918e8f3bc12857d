// Python objects ⇄ wire values (harness/wire.hpp), in the child interpreter.
//
// The encoder accepts exact builtin types only — never a subclass, never an object whose
// behaviour (__eq__, __iter__, __hash__, __str__) could lie — and it never calls into
// Python: it reads objects through the C API with the GIL held, so no candidate code (and
// no candidate thread) runs while a result is being encoded (I2).
#pragma once

#include <Python.h>

#include <optional>
#include <string>

#include "harness/wire.hpp"

namespace pyjudge::harness {

struct EncodeError {
  enum class Kind { bad_type, cycle, too_deep, too_large, bad_text };
  Kind kind = Kind::bad_type;
  std::string message;  // e.g. "at [2]: a value of type MyList (a subclass of list) …"
};

// Appends obj to w. max_bytes bounds the whole writer. Requires the GIL.
[[nodiscard]] std::optional<EncodeError> encode_value(PyObject* obj, wire::Writer& w,
                                                      size_t max_bytes);

// A new reference to the decoded object. Throws wire::DecodeError. Requires the GIL.
PyObject* decode_value(wire::Reader& r);

}  // namespace pyjudge::harness
