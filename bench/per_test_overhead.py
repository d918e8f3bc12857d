#!/usr/bin/python3.11
"""Per-test overhead: a challenge of N tiny tests (add(a, b)) judged by pyjudge, against a plain
in-process Python loop over the same cases (import the file, call, compare), both timed by
hyperfine (Debian's) in one run. Issue 5's goal: pyjudge ≤ 1.5× the loop.

Three figures, since a whole run also pays fixed costs (process starts, the spec's parsing):
  whole run   wall time of each command for N tests;
  per test    pyjudge's marginal cost, (time for N tests − time for 10 tests) / (N − 10),
              against the loop's own time per case, timed inside it (a microsecond per case
              is below the noise of two process runs subtracted);
  judging     pyjudge's per-test cost without the spec's parsing: (time for N tests − time
              for the same spec and a missing file, which loads the spec and stops) / N.

Run from the repository root after building:

    bench/per_test_overhead.py [--tests 10000] [--runs 10]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
PYTHON = "/usr/bin/python3.11"

LOOP = r'''
import importlib.util, json, sys, time
spec = importlib.util.spec_from_file_location("solution", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
fn = mod.add
cases = json.load(open(sys.argv[2]))
t0 = time.perf_counter()
passed = 0
for args, expected in cases:
    passed += fn(*args) == expected
print(passed, (time.perf_counter() - t0) / len(cases))
'''


def make(folder, n):
    """A challenge folder with n tests, and the same cases as JSON for the loop."""
    os.makedirs(folder)  # named as the challenge's id
    cases = [[[i, 2 * i + 1], 3 * i + 1] for i in range(n)]
    with open(os.path.join(folder, "challenge.yaml"), "w") as f:
        f.write("id: tiny\ntitle: Tiny\ndifficulty: easy\ntags: [bench]\n"
                "statement: Return a + b.\nkind: function\nentry: add\n"
                'signature: "def add(a: int, b: int) -> int"\ncompare: exact\n'
                "reference: reference.py\ntests:\n")
        for i, (args, expected) in enumerate(cases):
            f.write(f"  - {{name: t{i}, sample: {'true' if i == 0 else 'false'}, "
                    f"args: {json.dumps(args)}, expected: {expected}}}\n")
    with open(os.path.join(folder, "reference.py"), "w") as f:
        f.write("def add(a: int, b: int) -> int:\n    return a + b\n")
    with open(os.path.join(folder, "cases.json"), "w") as f:
        json.dump(cases, f)


def hyperfine(commands, runs, out_json):
    subprocess.run(["hyperfine", "--warmup", "2", "--runs", str(runs), "--style", "none",
                    "--export-json", out_json, *commands], check=True,
                   stdout=subprocess.DEVNULL)
    with open(out_json) as f:
        return [r["median"] for r in json.load(f)["results"]]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tests", type=int, default=10000)
    p.add_argument("--runs", type=int, default=10)
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="pyjudge-bench-")
    try:
        big, small = os.path.join(tmp, "big", "tiny"), os.path.join(tmp, "small", "tiny")
        make(big, a.tests)
        make(small, 10)
        solution = os.path.join(tmp, "solution.py")
        with open(solution, "w") as f:
            f.write("def add(a, b):\n    return a + b\n")
        loop = os.path.join(tmp, "loop.py")
        with open(loop, "w") as f:
            f.write(LOOP)
        missing = os.path.join(tmp, "missing.py")
        cmds = [f"{PYJUDGE} submit {big} {solution} --json",
                f"{PYTHON} -I {loop} {solution} {big}/cases.json",
                f"{PYJUDGE} submit {small} {solution} --json",
                f"{PYTHON} -I {loop} {solution} {small}/cases.json",
                f"{PYJUDGE} submit {big} {missing} --json 2>/dev/null || true"]
        pj_big, loop_big, pj_small, loop_small, pj_load = hyperfine(
            cmds, a.runs, os.path.join(tmp, "h.json"))
        n = a.tests - 10
        pj_per = (pj_big - pj_small) / n
        inner = []
        for _ in range(a.runs):
            out = subprocess.run([PYTHON, "-I", loop, solution, f"{big}/cases.json"],
                                 capture_output=True, text=True, check=True).stdout.split()
            inner.append(float(out[1]))
        loop_per = statistics.median(inner)
        print(f"{a.tests} tiny tests (add), hyperfine median of {a.runs} runs\n")
        print("| | pyjudge | in-process loop | ratio |")
        print("|---|---:|---:|---:|")
        print(f"| whole run, {a.tests} tests | {pj_big * 1e3:.0f} ms | {loop_big * 1e3:.0f} ms "
              f"| {pj_big / loop_big:.2f}× |")
        print(f"| whole run, 10 tests | {pj_small * 1e3:.0f} ms | {loop_small * 1e3:.0f} ms "
              f"| {pj_small / loop_small:.2f}× |")
        print(f"| per test (marginal; the loop's timed inside it) | {pj_per * 1e6:.1f} µs | "
              f"{loop_per * 1e6:.2f} µs | {pj_per / loop_per:.0f}× |")
        judging = (pj_big - pj_load) / a.tests
        print(f"| per test, judging only (spec parsing left out) | {judging * 1e6:.1f} µs | "
              f"{loop_per * 1e6:.2f} µs | {judging / loop_per:.0f}× |")
        print(f"\npyjudge loading the {a.tests}-test spec and running nothing: "
              f"{pj_load * 1e3:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
