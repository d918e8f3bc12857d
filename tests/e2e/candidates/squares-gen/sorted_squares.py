# expect: WA
"""Sorts the squares (another problem's answer): the order of nums is lost."""


def squares(nums):
    return sorted(x * x for x in nums)
