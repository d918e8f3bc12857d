# expect: AC
# needs: namespaces
# The box runs in its own pid namespace, under a tiny init: it sees no process outside.
import os


def add(a, b):
    return a + b if os.getpid() == 2 and os.getppid() == 1 else -os.getpid()
