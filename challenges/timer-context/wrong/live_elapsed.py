# Subtle: elapsed is a property computed from the clock whenever it is read, so it is not None inside the block and keeps growing after it.
import time
from contextlib import contextmanager


class Timing:
    def __init__(self, clock, start):
        self.clock = clock
        self.start = start

    @property
    def elapsed(self):
        return self.clock() - self.start


@contextmanager
def timer(clock=time.perf_counter):
    yield Timing(clock, clock())
