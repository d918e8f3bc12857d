#!/usr/bin/python3.11
"""What the challenge-language features of issue 4 cost, end to end (wall time).

Run from the repository root after building (scripts/build.sh):

    bench/authoring_cost.py [--runs 10]

1. Generated tests: `pyjudge submit` on a challenge with generated cases, with an empty
   cache (generator and reference run first) and with a warm cache, interleaved A-B-B-A.
2. A custom checker: the same solution on topo-order (values checked by check() in a second
   harness) — shown next to a plain function challenge of similar size for scale.
3. Program kind: the file runs afresh per test; per-test cost over a 200-test challenge vs a
   function challenge with the same 200 calls, interleaved.
Prints Markdown tables for docs/performance.md. Uses only the standard library.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
FIX = os.path.join(ROOT, "tests", "fixtures", "challenges")


def run(args, env=None):
    start = time.perf_counter()
    out = subprocess.run([PYJUDGE, *args], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"pyjudge {' '.join(args)} exited {out.returncode}:\n{out.stderr}")
    return wall


def table(rows):
    print("| case | median ms | p90 ms | runs |")
    print("|---|---:|---:|---:|")
    for name, xs in rows:
        xs = sorted(xs)
        print(f"| {name} | {statistics.median(xs) * 1000:.0f} | "
              f"{xs[int(0.9 * (len(xs) - 1))] * 1000:.0f} | {len(xs)} |")
    print()


def generated(runs):
    challenge = os.path.join(FIX, "squares-gen")
    solution = os.path.join(ROOT, "tests", "e2e", "candidates", "squares-gen", "comprehension.py")
    cold, warm = [], []
    for i in range(runs):
        cache = tempfile.mkdtemp()
        env = dict(os.environ, PYJUDGE_CACHE=cache)
        order = [(cold, warm), (warm, cold)][i % 2]  # A-B, then B-A
        for bucket in order:
            if bucket is cold:
                shutil.rmtree(cache)
                os.mkdir(cache, 0o700)
            else:
                run(["submit", challenge, solution, "--json"], env)  # make sure it is warm
            bucket.append(run(["submit", challenge, solution, "--json"], env))
        shutil.rmtree(cache)
    print("### Generated tests: cold vs warm cache\n")
    print("`squares-gen`: 2 hand-written tests + 3 generated (n = 10, 1000, 100000).\n")
    table([("empty cache (generator + reference run first)", cold), ("warm cache", warm)])


def checker(runs):
    topo = os.path.join(FIX, "topo-order")
    topo_sol = os.path.join(ROOT, "tests", "e2e", "candidates", "topo-order", "kahn.py")
    pair = os.path.join(FIX, "pair-any")
    pair_sol = os.path.join(ROOT, "tests", "e2e", "candidates", "pair-any", "first_tie.py")
    with_checker, plain = [], []
    for i in range(runs):
        for bucket in [(with_checker, plain), (plain, with_checker)][i % 2]:
            if bucket is with_checker:
                bucket.append(run(["submit", topo, topo_sol, "--json"]))
            else:
                bucket.append(run(["submit", pair, pair_sol, "--json"]))
    print("### A custom checker\n")
    table([("topo-order, 8 tests, check() in a second harness", with_checker),
           ("pair-any, 7 tests, compared in the judge", plain)])


def program(runs):
    tmp = tempfile.mkdtemp()
    tests = [(i, i + 1) for i in range(200)]
    prog = os.path.join(tmp, "prog")
    func = os.path.join(tmp, "func")
    os.mkdir(prog)
    os.mkdir(func)
    head = "title: t\ndifficulty: easy\nstatement: s\nreference: reference.py\n"
    with open(os.path.join(prog, "challenge.yaml"), "w") as f:
        f.write("id: prog\n" + head + "kind: program\ntests:\n")
        for i, (a, b) in enumerate(tests):
            f.write(f"  - {{name: t{i}, input: \"{a} {b}\\n\", output: \"{a + b}\\n\"}}\n")
    with open(os.path.join(prog, "reference.py"), "w") as f:
        f.write("a, b = map(int, input().split())\nprint(a + b)\n")
    with open(os.path.join(func, "challenge.yaml"), "w") as f:
        f.write("id: func\n" + head + "kind: function\nentry: add\n"
                "signature: \"def add(a: int, b: int) -> int\"\ntests:\n")
        for i, (a, b) in enumerate(tests):
            f.write(f"  - {{name: t{i}, args: [{a}, {b}], expected: {a + b}}}\n")
    with open(os.path.join(func, "reference.py"), "w") as f:
        f.write("def add(a, b):\n    return a + b\n")
    as_program, as_function = [], []
    for i in range(runs):
        for bucket in [(as_program, as_function), (as_function, as_program)][i % 2]:
            d = prog if bucket is as_program else func
            bucket.append(run(["submit", d, os.path.join(d, "reference.py"), "--json"]))
    shutil.rmtree(tmp)
    print("### Program kind: 200 tests, the file run afresh per test\n")
    table([("program (stdin file + fresh __main__ per test)", as_program),
           ("function (one call per test)", as_function)])
    per_test = (statistics.median(as_program) - statistics.median(as_function)) / len(tests)
    print(f"Extra cost per program test: {per_test * 1e6:.0f} µs.\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10)
    a = p.parse_args()
    generated(a.runs)
    checker(a.runs)
    program(a.runs)


if __name__ == "__main__":
    main()
