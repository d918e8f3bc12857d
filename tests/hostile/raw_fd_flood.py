# expect: TLE
# Straight to fd 1 and 2: the judge drains and caps them.
import os


def add(a, b):
    block = b"z" * 65536
    while True:
        os.write(1, block)
        os.write(2, block)
