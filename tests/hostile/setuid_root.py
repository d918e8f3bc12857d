# expect: SV
import os


def add(a, b):
    os.setuid(0)
    return a + b
