# expect: WA
"""Stops before yielding the 1."""


def countdown(n):
    while n > 1:
        yield n
        n -= 1
