# expect: MLE
import time

hoard = []


def add(a, b):
    while True:
        hoard.append(" " * 100_000 + str(len(hoard)))
