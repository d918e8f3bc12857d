# growth: like-reference
"""O(n): the same loop, written with a list of every number."""


def fib(n):
    seq = [0, 1]
    for _ in range(n):
        seq.append(seq[-1] + seq[-2])
    return seq[n]
