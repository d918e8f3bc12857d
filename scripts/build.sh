#!/usr/bin/env bash
# Configures and builds pyjudge into build/ (or $PYJUDGE_BUILD_DIR). Extra arguments go to
# the CMake configure step, e.g. -DPYJUDGE_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYJUDGE_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
