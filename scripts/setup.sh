#!/usr/bin/env bash
# README command 1: install dependencies, build, and judge the bundled example solution
# against the bundled two-sum challenge.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target pyjudge --target pyjudge-harness
echo
echo "\$ build/bin/pyjudge submit two-sum examples/two_sum.py"
"$root/build/bin/pyjudge" submit two-sum "$root/examples/two_sum.py"
