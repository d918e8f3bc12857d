# expect: TLE
# message: CPU time
"""Lazy, but computes each number with exponential recursion: hopeless by the 50th."""


def slow(n):
    return n if n < 2 else slow(n - 1) + slow(n - 2)


def fib():
    n = 0
    while True:
        yield slow(n)
        n += 1
