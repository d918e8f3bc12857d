# expect: AC
# needs: landlock
# AC only if the judge process is invisible: /proc/<ppid>/{cmdline,environ,fd}.
import os


def add(a, b):
    for what in ("cmdline", "environ", "fd", "maps"):
        path = f"/proc/{os.getppid()}/{what}"
        try:
            os.listdir(path) if what == "fd" else open(path, "rb").read()
            return -1
        except OSError:
            pass
    return a + b
