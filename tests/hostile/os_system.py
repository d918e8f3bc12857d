# expect: SV RE
# canary: system
import os


def add(a, b):
    status = os.system("touch /tmp/pyjudge-canary-system")
    if status != 0:
        raise RuntimeError(f"os.system failed with {status}")
    return a + b
