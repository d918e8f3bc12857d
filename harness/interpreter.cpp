#include "harness/interpreter.hpp"

#include <pybind11/embed.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

namespace py = pybind11;

namespace pyjudge::harness {

namespace {

// Imported once before any candidate runs: what interview answers commonly use.
constexpr const char* k_preload[] = {
    "collections", "heapq",     "itertools", "functools", "bisect",     "math", "re",   "typing",
    "dataclasses", "string",    "operator",  "random",    "array",      "copy", "enum", "abc",
    "contextlib",  "threading", "decimal",   "fractions", "statistics", "time", "json",
};

void check(PyStatus status, const char* what) {
  if (PyStatus_Exception(status) != 0) {
    throw std::runtime_error(std::string(what) + ": " +
                             (status.err_msg != nullptr ? status.err_msg : "failed"));
  }
}

}  // namespace

void start_interpreter() {
  PyPreConfig pre;
  PyPreConfig_InitIsolatedConfig(&pre);
  pre.utf8_mode = 1;  // the child's environment is empty (C locale); text is UTF-8 anyway
  check(Py_PreInitialize(&pre), "Py_PreInitialize");

  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.site_import = 0;     // stdlib only: no dist-packages, no .pth files
  config.write_bytecode = 0;  // never write __pycache__
  config.install_signal_handlers = 0;
  config.use_hash_seed = 1;  // reproducible set/dict-of-str iteration order
  config.hash_seed = 0;
  config.parse_argv = 0;
  config.safe_path = 1;
  PyStatus st = PyConfig_SetBytesString(&config, &config.home, PYJUDGE_PYTHON_HOME);
  if (PyStatus_Exception(st) == 0) {
    st = PyConfig_SetBytesString(&config, &config.program_name, "pyjudge-harness");
  }
  if (PyStatus_Exception(st) != 0) {
    PyConfig_Clear(&config);
    check(st, "PyConfig");
  }
  try {
    py::initialize_interpreter(&config, 0, nullptr, false);
  } catch (const std::exception& e) {
    PyConfig_Clear(&config);
    throw std::runtime_error(std::string("cannot start CPython: ") + e.what());
  }
  PyConfig_Clear(&config);
  for (const char* name : k_preload) {
    py::module_::import(name);
  }
  py::module_::import("_pyjudge");
  // exit() and quit() come from `site`, which isolated mode skips; scripts use them.
  py::exec(R"PY(
import builtins


def _quitter(name):
    def quit(code=None):
        raise SystemExit(code)

    quit.__name__ = quit.__qualname__ = name
    return quit


builtins.exit = _quitter("exit")
builtins.quit = _quitter("quit")
del _quitter
)PY");
}

namespace {
std::vector<std::string> find_runtime_paths() {
  std::set<std::string> paths;
  py::list sys_path = py::module_::import("sys").attr("path");
  for (const auto& entry : sys_path) {
    std::string p = py::str(entry).cast<std::string>();
    std::error_code ec;
    if (!p.empty() && std::filesystem::is_directory(p, ec)) {
      paths.insert(p);
    }
  }
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    auto slash = line.find('/');
    if (slash == std::string::npos || line.find(".so", slash) == std::string::npos) {
      continue;
    }
    paths.insert(std::filesystem::path(line.substr(slash)).parent_path().string());
  }
  paths.insert("/etc/ld.so.cache");  // dlopen() of an extension's dependencies
  return {paths.begin(), paths.end()};
}
}  // namespace

const std::vector<std::string>& runtime_paths() {
  // Found once: a zygote asks before it forks (its boxes start from the same interpreter,
  // imports and libraries), so no box walks sys.path and /proc/self/maps again.
  static const std::vector<std::string> paths = find_runtime_paths();
  return paths;
}

std::string interpreter_description() {
  py::module_ sys = py::module_::import("sys");
  return py::str(sys.attr("version")).cast<std::string>() + " at " +
         py::str(sys.attr("prefix")).cast<std::string>();
}

}  // namespace pyjudge::harness
