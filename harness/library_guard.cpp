#include "harness/library_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace pyjudge::harness {

namespace {

// What a module's code is made of: replacing one of these changes behaviour. (Plain data —
// counters, caches, a policy set on first use — changes in normal use and is not watched.)
bool is_code(PyObject* v) {
  return PyFunction_Check(v) || PyCFunction_Check(v) || PyType_Check(v) || PyMethod_Check(v);
}

// What a class's behaviour is made of: anything callable or bound on access (functions,
// properties, classmethods, slots' descriptors).
bool is_behaviour(PyObject* v) {
  return PyCallable_Check(v) != 0 || Py_TYPE(v)->tp_descr_get != nullptr;
}

size_t behaviour_count(PyObject* dict) {
  size_t n = 0;
  Py_ssize_t at = 0;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  while (PyDict_Next(dict, &at, &key, &value)) {
    n += is_behaviour(value) ? 1 : 0;
  }
  return n;
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
    for (PyObject* k : m.builtin_names) {
      Py_DECREF(k);
    }
  }
  for (const Entry& e : entries_) {
    Py_DECREF(e.key);
    Py_DECREF(e.value);
  }
  for (const Class& c : classes_) {
    Py_DECREF(c.type);
  }
  for (const Member& m : members_) {
    Py_DECREF(m.key);
    Py_DECREF(m.value);
  }
  for (const Function& f : functions_) {
    Py_DECREF(f.function);
    Py_DECREF(f.code);
    Py_XDECREF(f.defaults);
    Py_XDECREF(f.kwdefaults);
    Py_XDECREF(f.closure);
  }
  Py_XDECREF(builtins_);
}

void LibraryGuard::watch_function(const std::string& name, PyObject* callable) {
  if (PyMethod_Check(callable)) {
    callable = PyMethod_Function(callable);
  } else if (PyObject_TypeCheck(callable, &PyClassMethod_Type) ||
             PyObject_TypeCheck(callable, &PyStaticMethod_Type)) {
    // Recorded before any candidate code ran: these attribute reads run the library's own.
    PyObject* inner = PyObject_GetAttrString(callable, "__func__");
    if (inner == nullptr) {
      PyErr_Clear();
      return;
    }
    watch_function(name, inner);
    Py_DECREF(inner);
    return;
  } else if (PyObject_TypeCheck(callable, &PyProperty_Type)) {
    for (const char* part : {"fget", "fset", "fdel"}) {
      PyObject* inner = PyObject_GetAttrString(callable, part);
      if (inner == nullptr) {
        PyErr_Clear();
        continue;
      }
      watch_function(fmt::format("{}.{}", name, part), inner);
      Py_DECREF(inner);
    }
    return;
  }
  if (!PyFunction_Check(callable) || !watched_.insert(callable).second) {
    return;
  }
  functions_.push_back({name, Py_NewRef(callable), Py_NewRef(PyFunction_GetCode(callable)),
                        Py_XNewRef(PyFunction_GetDefaults(callable)),
                        Py_XNewRef(PyFunction_GetKwDefaults(callable)),
                        Py_XNewRef(PyFunction_GetClosure(callable))});
}

void LibraryGuard::record() {
  builtins_ = Py_XNewRef(PyEval_GetBuiltins());
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
    modules_.push_back({module_name, Py_NewRef(module), Py_NewRef(dict), {}});
    Py_ssize_t at = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (PyDict_Next(dict, &at, &key, &value)) {
      if (builtins_ != nullptr && PyDict_Check(builtins_) && PyUnicode_Check(key) &&
          PyDict_GetItemWithError(builtins_, key) != nullptr) {
        modules_[index].builtin_names.push_back(Py_NewRef(key));
      }
      PyErr_Clear();
      if (!is_code(value)) {
        continue;
      }
      entries_.push_back({index, Py_NewRef(key), Py_NewRef(value)});
      watch_function(fmt::format("{}.{}", module_name, text(key)), value);
      if (PyType_Check(value) &&
          PyType_HasFeature(reinterpret_cast<PyTypeObject*>(value), Py_TPFLAGS_HEAPTYPE)) {
        auto* type = reinterpret_cast<PyTypeObject*>(value);
        if (type->tp_dict != nullptr && seen_types.insert(value).second) {
          size_t first = members_.size();
          Py_ssize_t k = 0;
          PyObject* member = nullptr;
          PyObject* behaviour = nullptr;
          while (PyDict_Next(type->tp_dict, &k, &member, &behaviour)) {
            if (is_behaviour(behaviour)) {
              members_.push_back({Py_NewRef(member), Py_NewRef(behaviour)});
              watch_function(fmt::format("{}.{}.{}", module_name, text(key), text(member)),
                             behaviour);
            }
          }
          classes_.push_back({fmt::format("{}.{}", module_name, text(key)), Py_NewRef(value), first,
                              members_.size() - first});
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
    PyObject* dict = reinterpret_cast<PyTypeObject*>(c.type)->tp_dict;
    if (dict == nullptr) {
      return c.name;
    }
    for (size_t i = c.first; i < c.first + c.count; ++i) {
      PyObject* now = PyDict_GetItemWithError(dict, members_[i].key);  // borrowed
      if (now == nullptr) {
        PyErr_Clear();
      }
      if (now != members_[i].value) {
        return fmt::format("{}.{}", c.name, text(members_[i].key));
      }
    }
    if (behaviour_count(dict) != c.count) {
      return c.name + " (a method added to it)";
    }
  }
  for (const Function& f : functions_) {
    if (PyFunction_GetCode(f.function) != f.code ||
        PyFunction_GetDefaults(f.function) != f.defaults ||
        PyFunction_GetKwDefaults(f.function) != f.kwdefaults ||
        PyFunction_GetClosure(f.function) != f.closure) {
      return f.name;
    }
  }
  // A module global named like a builtin: the module's functions would call it instead.
  if (builtins_ != nullptr && PyDict_Check(builtins_)) {
    for (const Module& m : modules_) {
      Py_ssize_t at = 0;
      PyObject* key = nullptr;
      PyObject* value = nullptr;
      while (PyDict_Next(m.dict, &at, &key, &value)) {
        if (!is_code(value) || !PyUnicode_Check(key) ||
            PyDict_GetItemWithError(builtins_, key) == nullptr) {
          PyErr_Clear();
          continue;
        }
        bool own = std::any_of(m.builtin_names.begin(), m.builtin_names.end(),
                               [&](PyObject* k) { return PyUnicode_Compare(k, key) == 0; });
        if (!own) {
          return fmt::format("{}.{}", m.name, text(key));
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace pyjudge::harness
