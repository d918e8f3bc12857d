#!/usr/bin/python3.11
"""An interviewer's batch: the wall time of `pyjudge batch` on N take-homes of two-sum.

The submissions are the e2e candidates of two-sum (right and wrong), in turn, each made a
distinct candidate with its own comment and variable names (so similarity has 200 files to
compare), written as .py files; every tenth is put in a folder, every tenth in a zip. The
batch runs with two workers, once without timing (--no-performance: judging, the store,
similarity, JSON, CSV and the HTML report) and, on a slice of the accepted ones, with it
(each accepted solution timed against the reference, one at a time).

Run from the repository root after building:

    bench/batch_wall.py [--submissions 200] [--timed 10]

Prints a Markdown table for docs/performance.md.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
CANDIDATES = os.path.join(ROOT, "tests", "e2e", "candidates", "two-sum")


def variants(n):
    files = sorted(f for f in os.listdir(CANDIDATES) if f.endswith(".py"))
    sources = [open(os.path.join(CANDIDATES, f), encoding="utf-8").read() for f in files]
    for i in range(n):
        src = sources[i % len(sources)]
        # A different name for one identifier, and a comment of its own.
        src = re.sub(r"\bnums\b", f"values{i}", src)
        yield f"cand{i:03d}", f"# candidate {i}\n" + src


def write_batch(folder, n):
    os.makedirs(folder)
    paths = []
    for i, (name, src) in enumerate(variants(n)):
        if i % 10 == 3:
            os.makedirs(os.path.join(folder, name))
            path = os.path.join(folder, name, "two_sum.py")
            open(path, "w", encoding="utf-8").write(src)
            paths.append(os.path.join(folder, name))
        elif i % 10 == 7:
            path = os.path.join(folder, name + ".zip")
            with zipfile.ZipFile(path, "w") as z:
                z.writestr(f"{name}/two_sum.py", src)
            paths.append(path)
        else:
            path = os.path.join(folder, name + ".py")
            open(path, "w", encoding="utf-8").write(src)
            paths.append(path)
    return paths


def run(args, cwd):
    start = time.perf_counter()
    out = subprocess.run([PYJUDGE, *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"pyjudge {' '.join(args[:3])}… failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--submissions", type=int, default=200)
    ap.add_argument("--timed", type=int, default=10)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subs = write_batch(os.path.join(tmp, "in"), a.submissions)
        untimed = run(["batch", "two-sum", *subs, "--no-performance", "--report",
                       os.path.join(tmp, "r.html"), "--json", os.path.join(tmp, "r.json"),
                       "--csv", os.path.join(tmp, "r.csv")], tmp)
        slice_ = subs[: a.timed]
        with_perf = run(["batch", "two-sum", *slice_, "--db", os.path.join(tmp, "t.sqlite3"),
                         "--json", os.path.join(tmp, "t.json")], tmp)
        doc = json.load(open(os.path.join(tmp, "t.json")))
        accepted = sum(1 for c in doc["candidates"] if c["verdict"] == "AC")
        report_kb = os.path.getsize(os.path.join(tmp, "r.html")) / 1024
    print(f"| batch | submissions | wall | per submission |")
    print(f"|---|---:|---:|---:|")
    print(f"| judged, stored, similarity, JSON, CSV, HTML (--no-performance) | {a.submissions} | "
          f"{untimed:.2f} s | {untimed / a.submissions * 1000:.1f} ms |")
    print(f"| with timing against the reference ({accepted} accepted of {len(slice_)}) | "
          f"{len(slice_)} | {with_perf:.2f} s | {with_perf / max(accepted, 1):.2f} s per accepted |")
    print(f"\nHTML report for {a.submissions} candidates: {report_kb:.0f} KiB.")


if __name__ == "__main__":
    main()
