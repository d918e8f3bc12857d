// Script tests run the author's trusted code in the candidate's interpreter (docs/spec.md,
// kind `script`): the candidate could rewrite a library module that code relies on
// (`threading.Thread.start = …` runs every "concurrent" thread one at a time, and a racy
// singleton passes). LibraryGuard records, before the candidate's file runs, every module
// loaded so far: the module object under its name in sys.modules, every function and class
// it holds, and each of its Python classes' behaviour (every attribute that is callable or
// a descriptor: methods, properties, …). check() says what changed since: one of those
// replaced or removed, a class given a new one (it would override an inherited method), or
// a module given a global that shadows a builtin its functions call. Data is not watched:
// CPython itself caches `__slotnames__` and `__annotations__` on classes, and modules keep
// state. It is a check, not a wall: code in the same process can change something and put
// it back between two checks. `builtins` is left out: the test code runs with a copy of it
// made before the candidate's file ran.
#pragma once

#include <Python.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
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
    std::vector<PyObject*> builtin_names;  // its own globals named like a builtin (io.open)
  };
  struct Entry {
    size_t module;  // index into modules_
    PyObject* key;
    PyObject* value;
  };
  struct Class {
    std::string name;  // module.Class
    PyObject* type;
    size_t first;  // its behaviour: members_[first, first + count)
    size_t count;
  };
  struct Member {
    PyObject* key;
    PyObject* value;
  };
  // A Python function among them, with what its behaviour is made of besides its identity
  // (`f.__code__ = …` keeps the function object and changes what it does).
  struct Function {
    std::string name;
    PyObject* function;
    PyObject* code;
    PyObject* defaults;  // may be null, as the three below
    PyObject* kwdefaults;
    PyObject* closure;
  };
  void watch_function(const std::string& name, PyObject* callable);
  std::vector<Module> modules_;
  std::vector<Entry> entries_;
  std::vector<Class> classes_;
  std::vector<Member> members_;
  std::vector<Function> functions_;
  std::unordered_set<PyObject*> watched_;  // the functions in functions_
  PyObject* builtins_ = nullptr;           // the builtins' names, for shadowing globals
};

}  // namespace pyjudge::harness
