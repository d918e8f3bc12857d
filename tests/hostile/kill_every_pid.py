# expect: AC
# needs: namespaces
# Only ever run inside the box's pid namespace (and under seccomp).
# AC only if every kill was refused.
import os
import signal


def add(a, b):
    for pid in range(1, 4096):
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, signal.SIGKILL)
            return -pid
        except OSError:
            pass
    return a + b
