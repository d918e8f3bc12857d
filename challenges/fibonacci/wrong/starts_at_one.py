# Subtle: the sequence starts 1, 1, 2, … — it skips the leading 0.
def fib():
    a, b = 1, 1
    while True:
        yield a
        a, b = b, a + b
