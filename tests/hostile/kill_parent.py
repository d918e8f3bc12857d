# expect: SV
import os
import signal


def add(a, b):
    os.kill(os.getppid(), signal.SIGKILL)
    return a + b
