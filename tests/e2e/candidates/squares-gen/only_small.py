# expect: WA
"""Caps the work at 1000 numbers, so the large generated case comes back short."""


def squares(nums):
    return [x * x for x in nums[:1000]]
