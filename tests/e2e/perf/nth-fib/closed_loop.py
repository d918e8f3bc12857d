# growth: like-reference | inconclusive
"""O(n), at sizes of 8 to 256 where a call's fixed cost is still a large part of the time,
so on a busy machine the relative slope can be 0.3 and its interval touch the margin: the same loop, written with a list of every number."""


def fib(n):
    seq = [0, 1]
    for _ in range(n):
        seq.append(seq[-1] + seq[-2])
    return seq[n]
