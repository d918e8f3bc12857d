# No try/finally around the yield: when the block raises, the code after yield never runs and elapsed stays None.
import time
from contextlib import contextmanager


class Timing:
    def __init__(self):
        self.elapsed = None


@contextmanager
def timer(clock=time.perf_counter):
    timing = Timing()
    start = clock()
    yield timing
    timing.elapsed = clock() - start
