# expect: WA
"""Returns a list of the first 60 numbers instead of a generator."""


def fib():
    out = [0, 1]
    while len(out) < 60:
        out.append(out[-1] + out[-2])
    return out
