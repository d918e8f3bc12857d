# expect: AC
# needs: namespaces
# The box runs in a pid namespace (its own, under a tiny init, or its worker's, whose init is
# made once): it is never pid 1, and sees no process outside — its parent, the judge, has no
# pid there (0), or the parent is the namespace's init (1).
import os


def add(a, b):
    return a + b if os.getpid() > 1 and os.getppid() in (0, 1) else -os.getpid()
