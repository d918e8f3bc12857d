# expect: RE MLE TLE
# Python 3.11 frames live on the heap: the limit that trips first decides.
import sys

sys.setrecursionlimit(10**7)


def add(a, b):
    return add(a, b) + 1
