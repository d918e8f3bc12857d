# expect: SV
import os
import signal


def add(a, b):
    os.kill(-1, signal.SIGKILL)
    return a + b
