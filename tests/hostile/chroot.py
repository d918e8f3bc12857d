# expect: SV
import os


def add(a, b):
    os.chroot(".")
    return a + b
