# expect: SV
# canary: daemon
import os


def add(a, b):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            open("/tmp/pyjudge-canary-daemon", "w").write("escaped")
        os._exit(0)
    return a + b
