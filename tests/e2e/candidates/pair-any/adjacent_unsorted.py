# expect: WA
"""Only compares neighbours in the given order, without sorting first."""


def closest_pair(nums):
    best = min(range(len(nums) - 1), key=lambda i: abs(nums[i + 1] - nums[i]))
    a, b = nums[best], nums[best + 1]
    return (min(a, b), max(a, b))
