# expect: RE
import os


def add(a, b):
    os.closerange(0, 4096)
    return a + b
