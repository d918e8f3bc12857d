# expect: RE
# message: the result channel failed while the harness wrote to it
import os


def add(a, b):
    for fd in range(3, 64):
        try:
            os.close(fd)
        except OSError:
            pass
    return a + b
