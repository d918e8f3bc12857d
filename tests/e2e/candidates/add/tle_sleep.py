# expect: TLE
# message: wall-clock
import time


def add(a, b):
    time.sleep(60)
    return a + b
