# expect: SV
# canary: subprocess
import subprocess


def add(a, b):
    subprocess.run(["touch", "/tmp/pyjudge-canary-subprocess"])
    return a + b
