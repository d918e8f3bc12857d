# Subtle: Binet's formula in floating point is exact only up to the 70th number or so.
import math


def fib():
    phi = (1 + math.sqrt(5)) / 2
    n = 0
    while True:
        yield round(phi**n / math.sqrt(5))
        n += 1
