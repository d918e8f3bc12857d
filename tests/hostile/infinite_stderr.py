# expect: OLE
import sys


def add(a, b):
    while True:
        sys.stderr.write("n" * 4096)
