# expect: AC
"""Yields the first two numbers by hand, then keeps a running pair; uses `yield from`."""
import itertools


def fib():
    yield from (0, 1)
    a, b = 0, 1
    for _ in itertools.count():
        a, b = b, a + b
        yield b
