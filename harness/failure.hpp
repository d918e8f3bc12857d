// Turns a raised Python exception into a protocol Failure without running candidate code:
// the message is taken only from exception arguments of plain builtin types, so an
// exception whose __str__ or __repr__ loops or lies cannot hang or fool the harness.
#pragma once

#include <Python.h>

#include <string>

#include "harness/protocol.hpp"

namespace pyjudge::harness {

// Fetches and clears the current Python error, and describes it. The traceback and its
// frames (and so the candidate's locals) are released before this returns.
// `code_file`: where a script test's code comes from (its innermost line there is noted).
Failure take_failure(const std::string& candidate_file, const std::string& code_file = "");

// Same for a SyntaxError raised by compile(): line and column of the offending code.
Failure take_syntax_failure();

// The exception type name of the pending error without clearing it; "" when none.
std::string pending_error_type();

}  // namespace pyjudge::harness
