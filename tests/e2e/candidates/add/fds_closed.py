# expect: AC
# Only stdio and the result pipe (fd 4) may be open; listdir itself uses the lowest free fd.
import os


def add(a, b):
    extra = {int(fd) for fd in os.listdir("/proc/self/fd")} - {0, 1, 2, 4}
    return a + b if len(extra) <= 1 and min(extra, default=3) == 3 else -1
