// Script tests run the author's trusted code in the candidate's interpreter (docs/spec.md,
// kind `script`): the candidate could rewrite a library module that code relies on
// (`threading.Thread.start = …` runs every "concurrent" thread one at a time, and a racy
// singleton passes). LibraryGuard records, before the candidate's file runs, every module
// loaded so far: the module object under its name in sys.modules, every function and class
// it holds, and each of its Python classes' attributes (by their dict's version, which any
// change moves). check() says what changed since. It is a check, not a wall: code in the
// same process can change something and put it back between two checks. `builtins` is left
// out: the test code runs with a copy of it made before the candidate's file ran.
#pragma once

#include <Python.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pyjudge::harness {

class LibraryGuard {
 public:
  LibraryGuard() = default;
  LibraryGuard(const LibraryGuard&) = delete;
  LibraryGuard& operator=(const LibraryGuard&) = delete;
  ~LibraryGuard();

  // Records sys.modules as it is now (before any candidate code).
  void record();
  // What was changed since record(), as `threading.Thread.start`, or nothing.
  [[nodiscard]] std::optional<std::string> check() const;

 private:
  struct Module {
    std::string name;
    PyObject* module;  // strong references, all of them
    PyObject* dict;
  };
  struct Entry {
    size_t module;  // index into modules_
    PyObject* key;
    PyObject* value;
  };
  struct Class {
    std::string name;  // module.Class
    PyObject* type;
    uint64_t version;
  };
  std::vector<Module> modules_;
  std::vector<Entry> entries_;
  std::vector<Class> classes_;
};

}  // namespace pyjudge::harness
