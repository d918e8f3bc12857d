#!/usr/bin/python3.11
"""Memory of an idle worker: the zygotes (`pyjudge-harness --zygote`) a running pyjudge keeps,
one per worker, read from /proc/PID/smaps_rollup. pyjudge judges two files on two workers:
one whose tests sleep (keeping pyjudge running) and one that finishes at once, leaving its
worker idle with no job forked from it alive. Issue 5's goal: private memory ≤ 10 MB per
idle worker.

Private = Private_Clean + Private_Dirty (what the worker alone costs); Pss shares the pages
it has in common with other processes (libpython, the stdlib's files) among them. A job
forked from a zygote shares its pages until it writes them, so the figure reported is the
larger of the two zygotes' (the idle one's).

Run from the repository root after building:

    bench/worker_memory.py [--samples 5]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
ADD = os.path.join(ROOT, "tests", "fixtures", "challenges", "add")


def zygotes_of(parent):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if ppid == parent and len(cmd) > 1 and cmd[1] == b"--zygote":
            found.append(int(pid))
    return found


def rollup(pid):
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                fields[parts[0][:-1]] = int(parts[1])
    return fields


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--samples", type=int, default=5)
    a = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sleeper = os.path.join(tmp, "sleeper.py")
        with open(sleeper, "w") as f:
            f.write("import time\n\ndef add(a, b):\n    time.sleep(0.4)\n    return a + b\n")
        quick = os.path.join(tmp, "quick.py")
        with open(quick, "w") as f:
            f.write("def add(a, b):\n    return a + b\n")
        for _ in range(a.samples):
            proc = subprocess.Popen([PYJUDGE, "submit", ADD, sleeper, quick, "--jobs", "2",
                                     "--json"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pids = []
            for _ in range(300):  # until both workers are up
                time.sleep(0.01)
                pids = zygotes_of(proc.pid)
                if len(pids) == 2:
                    break
            time.sleep(0.4)  # the quick file is judged: its worker is idle
            samples = [rollup(pid) for pid in pids]
            rows.append(max(samples, key=lambda r: r["Private_Clean"] + r["Private_Dirty"]))
            proc.wait()
    if not rows:
        raise SystemExit("no zygote found: is pyjudge built?")

    def mb(key):
        return statistics.median(r.get(key, 0) for r in rows) / 1024

    private = statistics.median(r["Private_Clean"] + r["Private_Dirty"] for r in rows) / 1024
    print(f"Idle zygote worker, median of {len(rows)} samples (/proc/PID/smaps_rollup)\n")
    print("| Rss | Pss | Private (clean + dirty) | Private_Dirty | Shared |")
    print("|---:|---:|---:|---:|---:|")
    shared = mb("Shared_Clean") + mb("Shared_Dirty")
    print(f"| {mb('Rss'):.1f} MiB | {mb('Pss'):.1f} MiB | {private:.1f} MiB | "
          f"{mb('Private_Dirty'):.1f} MiB | {shared:.1f} MiB |")


if __name__ == "__main__":
    main()
