#!/usr/bin/python3.11
"""Memory of an idle worker: the zygotes (`pyjudge-harness --zygote`) a running pyjudge keeps,
one per worker, read from /proc/PID/smaps_rollup. pyjudge judges two files on two workers:
one whose tests sleep (keeping pyjudge running) and one that finishes at once, leaving its
worker idle with no job forked from it alive. Issue 5's goal: private memory ≤ 10 MB per
idle worker.

As root a worker is two processes: the zygote and the init of its jobs' pid namespace, a
fork of the zygote that never writes its pages, so the two share them. The worker's own
memory is therefore the zygote's Private_Clean + Private_Dirty, plus the init's, plus the
pages the init shares dirty (copy-on-write anonymous memory, shared with its zygote only).
Pss shares every page with the other processes that map it (libpython, the stdlib's files).
A job forked from a zygote also shares its pages until it writes them, so the figure
reported is the larger of the two workers' (the idle one's).

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


def children(parent):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(pid))
        except OSError:
            continue
    return found


def worker(zygote):
    """The worker's own memory in KiB: the zygote's and its pid namespace's init's."""
    z = rollup(zygote)
    own = z["Private_Clean"] + z["Private_Dirty"]
    pss = z["Pss"]
    for child in children(zygote):  # the init (jobs are the judge's children, not its)
        c = rollup(child)
        own += c["Private_Clean"] + c["Private_Dirty"] + c["Shared_Dirty"]
        pss += c["Pss"]
    return {"own": own, "pss": pss, "rss": z["Rss"], "anon": z.get("Anonymous", 0)}


def zygotes_of(parent):
    found = []
    for pid in children(parent):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if len(cmd) > 1 and cmd[1] == b"--zygote":
            found.append(pid)
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
            samples = [worker(pid) for pid in pids]
            rows.append(max(samples, key=lambda r: r["own"]))
            proc.wait()
    if not rows:
        raise SystemExit("no zygote found: is pyjudge built?")

    def mb(key):
        return statistics.median(r[key] for r in rows) / 1024

    print(f"Idle worker, median of {len(rows)} samples (/proc/PID/smaps_rollup)\n")
    print("| zygote Rss | zygote anonymous | worker Pss (zygote + init) | worker's own memory |")
    print("|---:|---:|---:|---:|")
    print(f"| {mb('rss'):.1f} MiB | {mb('anon'):.1f} MiB | {mb('pss'):.1f} MiB | "
          f"{mb('own'):.1f} MiB |")


if __name__ == "__main__":
    main()
