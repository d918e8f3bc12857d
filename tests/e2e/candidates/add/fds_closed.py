# expect: AC
# Only stdio and the result pipe (fd 4) may be open in the box.
import os


def add(a, b):
    open_fds = []
    for fd in range(3, 256):
        try:
            os.fstat(fd)
            open_fds.append(fd)
        except OSError:
            pass
    return a + b if open_fds == [4] else -len(open_fds)
