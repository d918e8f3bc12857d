# expect: SV
# A fork bomb: the first fork is refused.
import os


def add(a, b):
    while True:
        os.fork()
