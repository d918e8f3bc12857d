# expect: TLE
# message: CPU time
"""Tries to run to the end of the sequence before yielding anything, keeping only two numbers."""


def fib():
    a, b = 0, 1
    count = 0
    while True:
        a, b = b, a + b
        count += 1
    yield from range(count)
