# expect: RE
# message: before returning a result
import os


def add(a, b):
    for fd in range(3, 64):
        try:
            os.close(fd)
        except OSError:
            pass
    return a + b
