// The embedded CPython: Debian's 3.11, isolated from the environment (no site-packages, no
// PYTHON* variables, no user site, fixed hash seed so set order is reproducible), with the
// common stdlib preloaded so candidates do not pay for it.
#pragma once

#include <string>
#include <vector>

namespace pyjudge::harness {

// Initialises the interpreter and registers the _pyjudge helper module. Throws
// std::runtime_error when CPython cannot start (a judge fault).
void start_interpreter();

// What the box may read: the stdlib folders on sys.path, the folders of every shared library
// the interpreter has mapped (for extension modules' dependencies), the loader's cache.
const std::vector<std::string>& runtime_paths();

// sys.version and sys.prefix of the running interpreter, for logs and `pyjudge doctor`.
std::string interpreter_description();

}  // namespace pyjudge::harness
