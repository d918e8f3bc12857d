# expect: AC
import atexit
import time

atexit.register(time.sleep, 10**6)


def add(a, b):
    return a + b
