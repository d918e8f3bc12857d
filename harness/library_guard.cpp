#include "harness/library_guard.hpp"

#include <fmt/format.h>

#include <unordered_set>

namespace pyjudge::harness {

namespace {

uint64_t dict_version(PyObject* dict) {
  return reinterpret_cast<PyDictObject*>(dict)->ma_version_tag;
}

// What a module's code is made of: replacing one of these changes behaviour. (Plain data —
// counters, caches, a policy set on first use — changes in normal use and is not watched.)
bool is_code(PyObject* v) {
  return PyFunction_Check(v) || PyCFunction_Check(v) || PyType_Check(v) || PyMethod_Check(v);
}

std::string text(PyObject* s) {
  const char* p = PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : nullptr;
  if (p == nullptr) {
    PyErr_Clear();
    return "?";
  }
  return p;
}

}  // namespace

LibraryGuard::~LibraryGuard() {
  for (const Module& m : modules_) {
    Py_DECREF(m.module);
    Py_DECREF(m.dict);
  }
  for (const Entry& e : entries_) {
    Py_DECREF(e.key);
    Py_DECREF(e.value);
  }
  for (const Class& c : classes_) {
    Py_DECREF(c.type);
  }
}

void LibraryGuard::record() {
  PyObject* modules = PySys_GetObject("modules");  // borrowed
  if (modules == nullptr || !PyDict_Check(modules)) {
    return;
  }
  std::unordered_set<PyObject*> seen_types;
  Py_ssize_t pos = 0;
  PyObject* name = nullptr;
  PyObject* module = nullptr;
  while (PyDict_Next(modules, &pos, &name, &module)) {
    if (!PyModule_Check(module)) {
      continue;
    }
    PyObject* dict = PyModule_GetDict(module);  // borrowed
    if (dict == nullptr) {
      PyErr_Clear();
      continue;
    }
    std::string module_name = text(name);
    if (module_name == "builtins") {
      continue;  // the test code has its own copy of the builtins (JobRunner::test_builtins_)
    }
    size_t index = modules_.size();
    modules_.push_back({module_name, Py_NewRef(module), Py_NewRef(dict)});
    Py_ssize_t at = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &at, &key, &value)) {
      if (!is_code(value)) {
        continue;
      }
      entries_.push_back({index, Py_NewRef(key), Py_NewRef(value)});
      if (PyType_Check(value) &&
          PyType_HasFeature(reinterpret_cast<PyTypeObject*>(value), Py_TPFLAGS_HEAPTYPE)) {
        auto* type = reinterpret_cast<PyTypeObject*>(value);
        if (type->tp_dict != nullptr && seen_types.insert(value).second) {
          classes_.push_back({fmt::format("{}.{}", module_name, text(key)), Py_NewRef(value),
                              dict_version(type->tp_dict)});
        }
      }
    }
  }
}

std::optional<std::string> LibraryGuard::check() const {
  PyObject* modules = PySys_GetObject("modules");
  if (modules == nullptr || !PyDict_Check(modules)) {
    return std::string("sys.modules");
  }
  for (const Module& m : modules_) {
    PyObject* now = PyDict_GetItemString(modules, m.name.c_str());  // borrowed, no error set
    if (now != m.module) {
      return fmt::format("sys.modules['{}']", m.name);
    }
  }
  for (const Entry& e : entries_) {
    const Module& m = modules_[e.module];
    PyObject* now = PyDict_GetItemWithError(m.dict, e.key);  // borrowed
    if (now == nullptr) {
      PyErr_Clear();
    }
    if (now != e.value) {
      return fmt::format("{}.{}", m.name, text(e.key));
    }
  }
  for (const Class& c : classes_) {
    auto* type = reinterpret_cast<PyTypeObject*>(c.type);
    if (type->tp_dict == nullptr || dict_version(type->tp_dict) != c.version) {
      return c.name;
    }
  }
  return std::nullopt;
}

}  // namespace pyjudge::harness
