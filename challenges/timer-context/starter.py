import time
from contextlib import contextmanager
from typing import Callable


class Timing:
    """What the `with` statement binds: `elapsed` is None inside the block, then its duration."""

    def __init__(self) -> None:
        pass  # your code here


@contextmanager
def timer(clock: Callable[[], float] = time.perf_counter):
    """Time the body of a `with` block, reading the time only through `clock`.

    Yield a fresh object whose `elapsed` is set when the block ends, however it ends.
    """
    pass  # your code here
