# expect: MLE
# message: memory
"""Builds the whole (infinite) sequence into a list before yielding anything.

The numbers grow by ~0.7 bits each, so the list's memory grows quadratically: measured with
RLIMIT_DATA = 256 MB, MemoryError comes after ~75,000 numbers and ~0.3 s of CPU, well before
the 1000 ms CPU limit.
"""


def fib():
    seq = [0, 1]
    while True:
        seq.append(seq[-1] + seq[-2])
    yield from seq
