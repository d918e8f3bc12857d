# expect: WA
"""Counts down to 0 inclusive: one item too many."""


def countdown(n):
    for i in range(n, -1, -1):
        yield i
