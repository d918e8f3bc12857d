# expect: AC
# AC only if nothing of the judge environment is visible (the test sets a secret).
import os


def add(a, b):
    return a + b if "PYJUDGE_TEST_SECRET" not in os.environ and not os.environ else -1
