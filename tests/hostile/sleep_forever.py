# expect: TLE
import time


def add(a, b):
    time.sleep(10**6)
