# expect: AC
"""Not a generator function: returns a range iterator, which is an Iterator[int] all the same."""


def countdown(n):
    return iter(range(n, 0, -1))
