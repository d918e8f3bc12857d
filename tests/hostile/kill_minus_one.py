# expect: SV
# needs: namespaces
# Only ever run inside the box's pid namespace (and under seccomp).
import os
import signal


def add(a, b):
    os.kill(-1, signal.SIGKILL)
    return a + b
