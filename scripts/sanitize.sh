#!/usr/bin/env bash
# ASan + UBSan: builds into build-asan/, runs the judge-side unit tests instrumented, then
# judges every candidate and hostile file with the instrumented judge (the harness runs
# uninstrumented: ASan's shadow memory cannot live under the box's RLIMIT_DATA).
# Exit 1 on any sanitizer report. Takes ~10 minutes on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
PYJUDGE_BUILD_DIR="$root/build-asan" scripts/build.sh -DPYJUDGE_SANITIZE=ON --target pyjudge_tests
scripts/build.sh --target pyjudge-harness
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
build-asan/bin/pyjudge_tests -tce="e2e*,hostile*,cli*,seccomp*,sandbox*,py_codec*"
reports=0
runs=0
for f in tests/e2e/candidates/*/*.py tests/hostile/*.py tests/hostile/secret/*.py; do
  dir=$(basename "$(dirname "$f")")
  case $dir in
    hostile) challenge=tests/fixtures/challenges/add ;;
    secret | add | bag) challenge=tests/fixtures/challenges/$dir ;;
    *) challenge=$dir ;;
  esac
  grep -q "challenge: roomy" "$f" && challenge=tests/fixtures/challenges/roomy
  runs=$((runs + 1))
  out=$(timeout 60 build-asan/bin/pyjudge submit "$challenge" "$f" --json \
    --harness=build/bin/pyjudge-harness 2>&1 >/dev/null || true)
  if grep -qE "AddressSanitizer|runtime error|LeakSanitizer" <<<"$out"; then
    reports=$((reports + 1))
    echo "== $f"
    echo "$out"
  fi
done
echo "sanitize: $runs submissions judged, $reports with sanitizer reports"
((reports == 0))
