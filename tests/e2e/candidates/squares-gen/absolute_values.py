# expect: WA
"""Returns |x| instead of x squared."""


def squares(nums):
    return [abs(x) for x in nums]
