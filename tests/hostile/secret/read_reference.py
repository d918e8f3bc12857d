# expect: WA
# The reference solution (with its secrets) is not readable from the box.
import glob


def answer(n):
    for path in glob.glob("/**/secret/reference.py", recursive=True)[:5]:
        try:
            namespace = {}
            exec(open(path).read(), namespace)
            return namespace["answer"](n)
        except OSError:
            pass
    return -1
