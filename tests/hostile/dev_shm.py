# expect: AC
# needs: landlock
# canary: shm
import os


def add(a, b):
    try:
        open("/dev/shm/pyjudge-canary-shm", "w").write("escaped")
        os.symlink("/dev/shm/pyjudge-canary-shm", "/tmp/pyjudge-canary-shm")
        return -1
    except OSError:
        return a + b
