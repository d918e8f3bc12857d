# expect: WA
"""Keeps counting into the negatives forever."""


def countdown(n):
    while True:
        yield n
        n -= 1
