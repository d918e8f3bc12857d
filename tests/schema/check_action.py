#!/usr/bin/env python3
"""Checks action.yml and the example workflow: valid YAML, a composite action whose steps
are valid bash, and whose pyjudge flags the built pyjudge knows.

Usage: check_action.py ACTION_YML WORKFLOW_YML PYJUDGE
"""
import re
import subprocess
import sys

import yaml


def main() -> int:
    action_path, workflow_path, pyjudge = sys.argv[1:4]
    with open(action_path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    problems = []
    if action.get("runs", {}).get("using") != "composite":
        problems.append("action.yml: runs.using must be composite")
    help_text = subprocess.run([pyjudge, "grade", "--help"], capture_output=True, text=True,
                               check=True).stdout
    for step in action["runs"]["steps"]:
        script = step.get("run", "")
        if step.get("shell") != "bash":
            problems.append(f"step {step.get('name')!r}: shell must be bash")
        check = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        if check.returncode != 0:
            problems.append(f"step {step.get('name')!r}: {check.stderr.strip()}")
        if "${{" in script:
            problems.append(f"step {step.get('name')!r}: inputs must come through env, not ${{{{ }}}}")
        for flag in re.findall(r"(--[a-z][a-z-]+)", script):
            if flag not in help_text:
                problems.append(f"step {step.get('name')!r}: `pyjudge grade` has no {flag}")
    # An input that pyjudge.yaml can also set must default to empty, so that the manifest
    # decides unless the workflow says otherwise.
    for name in ("timing", "min-score"):
        if action.get("inputs", {}).get(name, {}).get("default", "") != "":
            problems.append(f"input {name}: its default must be empty (pyjudge.yaml decides)")
    with open(action_path, encoding="utf-8") as f:
        text = f.read()
    for name in action.get("inputs", {}):
        if "inputs." + name not in text:
            problems.append(f"input {name} is never used")
    with open(workflow_path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    if "jobs" not in workflow:
        problems.append("the example workflow has no jobs")
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
