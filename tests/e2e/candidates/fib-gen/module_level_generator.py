# expect: CE
# message: is a generator object; define a generator function
"""The entry is one generator object: every test would continue where the last stopped."""


def _fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


fib = _fib()
