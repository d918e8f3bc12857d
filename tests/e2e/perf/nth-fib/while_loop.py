# growth: like-reference | inconclusive
"""O(n), at sizes of 8 to 256 where a call's fixed cost is still a large part of the time,
so on a busy machine the relative slope can be 0.3 and its interval touch the margin: a while loop counting down, the two last numbers in variables."""


def fib(n):
    prev, cur = 1, 0
    while n > 0:
        prev, cur = cur, prev + cur
        n -= 1
    return cur
