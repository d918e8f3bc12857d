# growth: like-reference
"""O(n): a while loop counting down, the two last numbers in variables."""


def fib(n):
    prev, cur = 1, 0
    while n > 0:
        prev, cur = cur, prev + cur
        n -= 1
    return cur
