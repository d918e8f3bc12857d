#!/usr/bin/python3.11
"""Batch throughput: pyjudge judging N submissions of two-sum in one command (its worker pool)
against the two ways people grade without it, each measured side by side in one run:

  fresh   one `python3.11 -I` per submission that imports the file and runs the same tests
          (the same 23 inputs, the generated ones included) with the same comparison;
  pytest  one `python3.11 -m pytest` per submission over the same tests, parametrised.

Each baseline runs sequentially and, for fairness to pyjudge's two workers, two at a time.
Neither baseline has any sandbox, limits or isolation between tests: pyjudge does more work
per submission. Issue 5's goals: pyjudge ≥ 5× the fresh interpreter and ≥ 30× pytest.

Run from the repository root after building (needs Debian's python3-pytest):

    bench/throughput.py [--submissions 200] [--repeats 3]

Prints a Markdown table for docs/performance.md. Uses the standard library, PyYAML and
pytest from Debian.
"""
import argparse
import concurrent.futures
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
CHALLENGE = os.path.join(ROOT, "challenges", "two-sum")
CANDIDATES = os.path.join(ROOT, "tests", "e2e", "candidates", "two-sum")
PYTHON = "/usr/bin/python3.11"

# What a grader without pyjudge runs per submission: import, call, compare (order ignored).
FRESH_RUNNER = r'''
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("solution", sys.argv[1])
tests = json.load(open(sys.argv[2]))
passed = 0
try:
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    fn = mod.two_sum
except Exception:
    print(0); sys.exit(0)
for args, expected in tests:
    try:
        got = fn(*args)
        passed += sorted(got) == sorted(expected)
    except Exception:
        pass
print(passed)
'''

PYTEST_FILE = r'''
import importlib.util, json, os
import pytest

TESTS = json.load(open(os.environ["BENCH_TESTS"]))


@pytest.fixture(scope="module")
def two_sum():
    spec = importlib.util.spec_from_file_location("solution", os.environ["BENCH_SOLUTION"])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.two_sum


@pytest.mark.parametrize("args,expected", TESTS)
def test_case(two_sum, args, expected):
    assert sorted(two_sum(*args)) == sorted(expected)
'''


def load_tests():
    """The challenge's tests as [args, expected]: the YAML ones, and the generated ones made
    the way pyjudge makes them (generator, then the reference's answer)."""
    with open(os.path.join(CHALLENGE, "challenge.yaml")) as f:
        spec = yaml.safe_load(f)
    tests = [[t["args"], t["expected"]] for t in spec["tests"]]

    def load(name):
        s = importlib.util.spec_from_file_location(name, os.path.join(CHALLENGE, name + ".py"))
        m = importlib.util.module_from_spec(s)
        s.loader.exec_module(m)
        return m

    gen, ref = load("generator"), load("reference")
    for case in spec.get("generated", {}).get("cases", []):
        args = gen.generate(case.get("seed", 1), **case.get("params", {}))
        tests.append([args, ref.two_sum(*args)])
    return tests


def make_submissions(folder, count):
    """`count` files: the e2e candidates (right and wrong) in turn, each copy made distinct."""
    sources = sorted(f for f in os.listdir(CANDIDATES) if f.endswith(".py"))
    files = []
    for i in range(count):
        src = sources[i % len(sources)]
        path = os.path.join(folder, f"s{i:03d}_{src}")
        with open(os.path.join(CANDIDATES, src)) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(f"# submission {i}\n" + text)
        files.append(path)
    return files


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_all(cmds, workers, env=None):
    def one(cmd):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=False)

    if workers == 1:
        for c in cmds:
            one(c)
        return
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        list(ex.map(one, cmds))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--submissions", type=int, default=200)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="pyjudge-bench-")
    try:
        files = make_submissions(tmp, a.submissions)
        tests_json = os.path.join(tmp, "tests.json")
        with open(tests_json, "w") as f:
            json.dump(load_tests(), f)
        runner = os.path.join(tmp, "fresh_runner.py")
        with open(runner, "w") as f:
            f.write(FRESH_RUNNER)
        test_file = os.path.join(tmp, "test_two_sum.py")
        with open(test_file, "w") as f:
            f.write(PYTEST_FILE)
        # Warm the generated-test cache once, as any second use of pyjudge finds it.
        subprocess.run([PYJUDGE, "submit", "two-sum", files[0], "--no-performance"],
                       stdout=subprocess.DEVNULL, check=False)

        def pyjudge():
            subprocess.run([PYJUDGE, "submit", "two-sum", *files, "--no-performance", "--json"],
                           stdout=subprocess.DEVNULL, check=False)

        fresh_cmds = [[PYTHON, "-I", runner, f, tests_json] for f in files]

        def pytest_run(workers):
            # One environment per submission: the solution's path goes in BENCH_SOLUTION.
            def one(f):
                env = dict(os.environ, BENCH_TESTS=tests_json, BENCH_SOLUTION=f)
                subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "--rootdir", tmp, test_file], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, cwd=tmp, check=False)
            with concurrent.futures.ThreadPoolExecutor(workers) as ex:
                list(ex.map(one, files))

        rows = {k: [] for k in ("pyjudge", "fresh ×1", "fresh ×2", "pytest ×1", "pytest ×2")}
        for _ in range(a.repeats):  # side by side, in turn, so drift hits all alike
            rows["pyjudge"].append(timed(pyjudge))
            rows["fresh ×1"].append(timed(lambda: run_all(fresh_cmds, 1)))
            rows["fresh ×2"].append(timed(lambda: run_all(fresh_cmds, 2)))
            rows["pytest ×1"].append(timed(lambda: pytest_run(1)))
            rows["pytest ×2"].append(timed(lambda: pytest_run(2)))
        base = statistics.median(rows["pyjudge"])
        n = a.submissions
        print(f"{n} submissions of two-sum, {len(load_tests())} tests each; median of "
              f"{a.repeats} repeats (wall time)\n")
        print("| how | wall | submissions/s | pyjudge is × faster |")
        print("|---|---:|---:|---:|")
        for k, v in rows.items():
            m = statistics.median(v)
            print(f"| {k} | {m:.2f} s | {n / m:.0f} | {m / base:.1f} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
