import time
from contextlib import contextmanager


class Timing:
    """What the `with` statement binds: `elapsed` is None until the block ends."""

    def __init__(self):
        self.elapsed = None


@contextmanager
def timer(clock=time.perf_counter):
    timing = Timing()
    start = clock()
    try:
        yield timing
    finally:
        timing.elapsed = clock() - start
