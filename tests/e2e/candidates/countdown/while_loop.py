# expect: AC
"""Decrements n until it reaches zero."""
from typing import Iterator


def countdown(n: int) -> Iterator[int]:
    while n > 0:
        yield n
        n -= 1
