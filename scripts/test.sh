#!/usr/bin/env bash
# README command 2 (and CI): install dependencies, build, run the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${PYJUDGE_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "$(nproc)"
