# growth: worse
"""O(φ^n): the naive recursion, each call making two more."""


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
