# Correct but exponential: every number recomputed by the naive recursion.
def _f(n):
    return n if n < 2 else _f(n - 1) + _f(n - 2)


def fib():
    n = 0
    while True:
        yield _f(n)
        n += 1
