#!/usr/bin/python3.11
"""Two builds of pyjudge side by side, alternating (A-B-B-A), on the same work: a batch of
N two-sum submissions (wall time, and `perf stat`'s CPU time and page faults over every
process of the run), then one submission and one `test` (hyperfine).

A build is a folder holding `pyjudge` and `pyjudge-harness` (copy `build/bin` aside before
rebuilding). Run from the repository root:

    bench/ab_builds.py OLD_BIN NEW_BIN [--submissions 200] [--rounds 3]

Prints Markdown tables for docs/performance.md. Needs Debian's linux-perf and hyperfine.
"""
import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def throughput_module():
    spec = importlib.util.spec_from_file_location("throughput",
                                                  os.path.join(ROOT, "bench", "throughput.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def batch(pyjudge, files):
    """One batch under perf stat: (wall s, task-clock ms, page faults)."""
    cmd = ["perf", "stat", "-x,", "-e", "task-clock,page-faults", "--", pyjudge, "submit",
           "two-sum", *files, "--no-performance", "--json", "--no-history"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       check=False)
    wall = time.perf_counter() - t0
    counters = {}
    for line in r.stderr.splitlines():
        parts = line.split(",")
        if len(parts) > 2 and parts[2] in ("task-clock", "page-faults"):
            counters[parts[2]] = float(parts[0])
    return wall, counters.get("task-clock", 0.0), counters.get("page-faults", 0.0)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--submissions", type=int, default=200)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    builds = {"old": os.path.join(a.old, "pyjudge"), "new": os.path.join(a.new, "pyjudge")}
    for b in builds.values():
        if not os.access(b, os.X_OK):
            sys.exit(f"ab_builds: {b} is not an executable pyjudge")
    tp = throughput_module()
    tmp = tempfile.mkdtemp(prefix="pyjudge-bench-")
    try:
        files = tp.make_submissions(tmp, a.submissions)
        for b in builds.values():  # the generated-test cache, warm for both
            subprocess.run([b, "submit", "two-sum", files[0], "--no-performance", "--no-history"],
                           stdout=subprocess.DEVNULL, check=False)
        rows = {k: [] for k in builds}
        for _ in range(a.rounds):
            for k in ("old", "new", "new", "old"):
                rows[k].append(batch(builds[k], files))
        print(f"{a.submissions} two-sum submissions, {2 * a.rounds} runs per build, "
              "alternating (medians; page faults: range)\n")
        print("| build | wall | CPU, all processes | page faults |")
        print("|---|---:|---:|---:|")
        for k, v in rows.items():
            wall = statistics.median(x[0] for x in v)
            cpu = statistics.median(x[1] for x in v) / 1000
            faults = [x[2] for x in v]
            print(f"| {k} ({builds[k]}) | {wall:.2f} s | {cpu:.2f} s | "
                  f"{min(faults):,.0f}–{max(faults):,.0f} |")
        one = files[0]
        cmds = []
        for what in (f"submit two-sum {one} --no-performance --no-history",
                     f"test two-sum {one} --no-history"):
            for k in ("old", "new"):
                cmds.append(f"{builds[k]} {what}")
        md = os.path.join(tmp, "one.md")
        subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", "20", "--style", "none",
                        "--export-markdown", md, *cmds], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        print("\nOne submission (hyperfine, 20 runs each)\n")
        with open(md) as f:
            print(f.read())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
