#!/usr/bin/env bash
# Configures and builds pyjudge into build/ (or $PYJUDGE_BUILD_DIR).
#   scripts/build.sh [--target T]... [CMAKE_CONFIGURE_ARGS...]   e.g. -DPYJUDGE_SANITIZE=ON
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYJUDGE_BUILD_DIR:-$root/build}
targets=()
configure=()
while (($#)); do
  if [[ $1 == --target ]]; then
    targets+=(--target "$2")
    shift 2
  else
    configure+=("$1")
    shift
  fi
done
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${configure[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
