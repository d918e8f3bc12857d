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
# Cases that start a harness run in the next loops instead (an instrumented harness cannot).
build-asan/bin/pyjudge_tests \
  -tce="e2e*,hostile*,cli*,seccomp*,sandbox*,py_codec*,kattis*,validate*,new*,generated*,checker*,pool*,perf*,practice*,grade*,batch*"
reports=0
runs=0
for f in tests/e2e/candidates/*/*.py tests/hostile/*.py tests/hostile/secret/*.py; do
  dir=$(basename "$(dirname "$f")")
  case $dir in
    hostile) challenge=tests/fixtures/challenges/add ;;
    *) challenge=$dir ;;
  esac
  [[ -d tests/fixtures/challenges/$dir ]] && challenge=tests/fixtures/challenges/$dir
  own=$(sed -n 's/^# challenge: //p' "$f" | head -n 1)
  [[ -n $own ]] && challenge=tests/fixtures/challenges/$own
  runs=$((runs + 1))
  out=$(timeout 60 build-asan/bin/pyjudge submit "$challenge" "$f" --json \
    --harness=build/bin/pyjudge-harness 2>&1 >/dev/null || true)
  if grep -qE "AddressSanitizer|runtime error|LeakSanitizer" <<<"$out"; then
    reports=$((reports + 1))
    echo "== $f"
    echo "$out"
  fi
done
# The authoring tools: generated tests, checkers, Kattis packages, scaffolds.
export PYJUDGE_CACHE
PYJUDGE_CACHE=$(mktemp -d)
scaffolds=$(mktemp -d)
for kind in function class generator script program; do
  build-asan/bin/pyjudge new "s-$kind" --kind "$kind" --dir "$scaffolds" >/dev/null
done
for d in tests/fixtures/challenges/* tests/fixtures/kattis/* challenges/* "$scaffolds"/*; do
  runs=$((runs + 1))
  out=$(timeout 300 build-asan/bin/pyjudge validate "$d" --harness=build/bin/pyjudge-harness 2>&1 || true)
  if grep -qE "AddressSanitizer|runtime error|LeakSanitizer" <<<"$out"; then
    reports=$((reports + 1))
    echo "== validate $d"
    echo "$out"
  fi
done
# Practice, CI grading and batches: the commands that parse manifests, keep SQLite stores and
# write JUnit, JSON, CSV and HTML.
export XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d)
work=$(mktemp -d)
h=--harness=build/bin/pyjudge-harness
for cmd in "list" "show two-sum" "init two-sum -o $work/two_sum.py" "test $h two-sum $work/two_sum.py" \
    "submit $h two-sum challenges/two-sum/reference.py --no-performance" "progress" \
    "grade $h tests/fixtures/repos/some-fail --junit $work/j.xml --json $work/g.json --github" \
    "grade $h tests/fixtures/repos/malformed" "merge $work/g.json --junit $work/m.xml" \
    "batch $h sum-of-squares tests/e2e/perf/sum-of-squares/*.py challenges/sum-of-squares/wrong/*.py --report $work/r.html --csv $work/r.csv --json $work/r.json"; do
  runs=$((runs + 1))
  # shellcheck disable=SC2086  # each command is split into its arguments on purpose
  out=$(timeout 600 build-asan/bin/pyjudge $cmd 2>&1 || true)
  if grep -qE "AddressSanitizer|runtime error|LeakSanitizer" <<<"$out"; then
    reports=$((reports + 1))
    echo "== pyjudge $cmd"
    echo "$out"
  fi
done
rm -rf "$PYJUDGE_CACHE" "$scaffolds" "$XDG_DATA_HOME" "$work"
echo "sanitize: $runs submissions judged or challenges validated, $reports with sanitizer reports"
((reports == 0))
