#!/usr/bin/python3.11
"""Sandbox cost per child, and the judge's own memory while a submission floods it.

Run from the repository root after building (scripts/build.sh):

    bench/sandbox_cost.py [--runs 30]

1. Setup cost of each sandbox layer, as measured inside the child (C++ clocks around each
   step of sandbox::enter(); the cgroup row is the judge's side: create + move the child).
2. End-to-end wall time of one submission with the full sandbox vs --unsafe-no-sandbox,
   interleaved A-B-B-A in the same run so machine noise hits both alike.
3. The judge's peak RSS (GNU time, %M) judging a normal solution vs solutions that flood
   stdout, flood raw descriptors, or return huge values.
Prints Markdown tables for docs/performance.md. Uses only the standard library.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYJUDGE = os.path.join(ROOT, "build", "bin", "pyjudge")
ADD = os.path.join(ROOT, "tests", "fixtures", "challenges", "add")
ROOMY = os.path.join(ROOT, "tests", "fixtures", "challenges", "roomy")


def submit(challenge, solution, *extra):
    cmd = [PYJUDGE, "submit", challenge, solution, "--json", "--no-performance", *extra]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return json.loads(out.stdout), wall


def quantiles(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[int(0.9 * (len(xs) - 1))]


def layer_costs(runs):
    per_layer = {}
    for _ in range(runs):
        report, _ = submit("two-sum", os.path.join(ROOT, "examples", "two_sum.py"))
        for layer in report["sandbox"]:
            per_layer.setdefault(layer["layer"], []).append(layer["setup_us"])
    print("| layer | where | median µs | p90 µs |")
    print("|---|---|---:|---:|")
    child_total = []
    for name, xs in per_layer.items():
        med, p90 = quantiles(xs)
        where = "judge" if name == "cgroups" else "child"
        print(f"| {name} | {where} | {med:.0f} | {p90:.0f} |")
    for i in range(runs):
        child_total.append(sum(per_layer[n][i] for n in per_layer if n != "cgroups"))
    med, p90 = quantiles(child_total)
    print(f"| **all child-side layers** | child | **{med:.0f}** | {p90:.0f} |")


def end_to_end(runs):
    sol = os.path.join(ROOT, "examples", "two_sum.py")
    walls = {"sandbox": [], "unsafe": []}
    for i in range(runs):
        order = ["sandbox", "unsafe", "unsafe", "sandbox"] if i % 2 == 0 else ["unsafe", "sandbox", "sandbox", "unsafe"]
        for mode in order:
            extra = ["--unsafe-no-sandbox"] if mode == "unsafe" else []
            _, wall = submit("two-sum", sol, *extra)
            walls[mode].append(wall * 1000)
    print("| mode | median ms | p90 ms |")
    print("|---|---:|---:|")
    for mode, xs in walls.items():
        med, p90 = quantiles(xs)
        print(f"| {mode} | {med:.1f} | {p90:.1f} |")
    ratio = statistics.median(walls["sandbox"]) / statistics.median(walls["unsafe"])
    print(f"\nratio of medians, sandbox / unsafe: {ratio:.2f}")


def judge_memory(tmp):
    cases = {
        "correct (baseline)": (ADD, os.path.join(ADD, "reference.py")),
        "prints forever": (ADD, os.path.join(ROOT, "tests", "hostile", "infinite_stdout.py")),
        "floods fds 1 and 2": (ADD, os.path.join(ROOT, "tests", "hostile", "raw_fd_flood.py")),
        "5M shared values": (ADD, os.path.join(ROOT, "tests", "e2e", "candidates", "add", "amplify_shared_rows.py")),
        "2,000,000-deep list": (ROOMY, os.path.join(ROOT, "tests", "hostile", "deep_nesting.py")),
    }
    big = os.path.join(tmp, "big_value.py")
    with open(big, "w") as f:
        f.write("def add(a, b):\n    return list(range(1_500_000))\n")
    cases["1.5M-element list (largest accepted size)"] = (ROOMY, big)
    print("| submission | verdict | judge's own peak RSS (MiB) |")
    print("|---|---|---:|")
    for label, (challenge, sol) in cases.items():
        peak_kb, verdict = judge_peak_rss(challenge, sol)
        print(f"| {label} | {verdict} | {peak_kb / 1024:.1f} |")


def judge_peak_rss(challenge, sol):
    """The judge process's own high-water mark (VmHWM), read while it runs: wait4's
    ru_maxrss (GNU time's %M) would include the candidate's harness, a descendant."""
    proc = subprocess.Popen([PYJUDGE, "submit", challenge, sol, "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    status_path = f"/proc/{proc.pid}/status"
    chunks = []
    os.set_blocking(proc.stdout.fileno(), False)
    while proc.poll() is None:
        try:
            with open(status_path) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        try:
            data = proc.stdout.read()
            if data:
                chunks.append(data)
        except (BlockingIOError, TypeError):
            pass
        time.sleep(0.002)
    rest = proc.stdout.read()
    if rest:
        chunks.append(rest)
    return peak, json.loads("".join(chunks))["verdict"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not os.path.exists(PYJUDGE):
        sys.exit("build first: scripts/build.sh")
    print(f"## Sandbox setup per child ({args.runs} runs)\n")
    layer_costs(args.runs)
    print(f"\n## One submission end to end, sandbox vs none ({args.runs} × A-B-B-A)\n")
    end_to_end(args.runs // 2)
    print("\n## The judge's memory under floods\n")
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        judge_memory(tmp)


if __name__ == "__main__":
    main()
