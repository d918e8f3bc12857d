# expect: AC
"""LeetCode style: the generator is a method of class Solution."""


class Solution:
    def fib(self):
        a, b = 0, 1
        while True:
            yield a
            a, b = b, a + b
