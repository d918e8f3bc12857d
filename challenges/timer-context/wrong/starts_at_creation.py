# Subtle: a class-based timer that reads the start time in __init__, not in __enter__: time between creating it and entering the block is counted.
import time


class timer:
    def __init__(self, clock=time.perf_counter):
        self.clock = clock
        self.start = clock()
        self.elapsed = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.elapsed = self.clock() - self.start
        return False
