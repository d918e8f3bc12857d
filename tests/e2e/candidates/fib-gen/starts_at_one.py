# expect: WA
"""Yields 1, 1, 2, 3, ...: the leading 0 is missing."""


def fib():
    a, b = 1, 1
    while True:
        yield a
        a, b = b, a + b
