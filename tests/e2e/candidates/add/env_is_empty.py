# expect: AC
# The judge runs with PYJUDGE_TEST_SECRET set; the box must not see it (nor anything else).
import os


def add(a, b):
    return a + b if not os.environ else -len(os.environ)
