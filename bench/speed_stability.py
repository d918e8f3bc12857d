#!/usr/bin/python3.11
"""How stable pyjudge's speed ratio is: one solution judged against the reference again and
again, each run interleaving its own rounds (issue 5's goal: CV of the ratio ≤ 5 %).

Run from the repository root after building (scripts/build.sh):

    bench/speed_stability.py [--runs 10] [CHALLENGE SOLUTION]

Default: two-sum with tests/e2e/perf/two-sum/dict_two_pass.py (same growth, another
constant). Prints a Markdown table for docs/performance.md. Uses only the standard library.
"""
import argparse
import json
import os
import statistics
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("challenge", nargs="?", default="two-sum")
    p.add_argument("solution", nargs="?",
                   default=os.path.join(ROOT, "tests", "e2e", "perf", "two-sum", "dict_two_pass.py"))
    a = p.parse_args()
    ratios, growth = [], []
    for _ in range(a.runs):
        out = subprocess.run([PYJUDGE, "submit", a.challenge, a.solution, "--json"],
                             capture_output=True, text=True)
        j = json.loads(out.stdout)
        ratios.append(j["speed"]["ratio"])
        growth.append(j["growth"]["verdict"])
    mean = statistics.mean(ratios)
    cv = statistics.stdev(ratios) / mean if len(ratios) > 1 else 0.0
    print(f"| runs | ratio mean | min | max | CV | growth verdicts |")
    print("|---:|---:|---:|---:|---:|---|")
    verdicts = ", ".join(f"{v} ×{growth.count(v)}" for v in sorted(set(growth)))
    print(f"| {a.runs} | {mean:.3f} | {min(ratios):.3f} | {max(ratios):.3f} | {cv * 100:.1f} % "
          f"| {verdicts} |")


if __name__ == "__main__":
    main()
