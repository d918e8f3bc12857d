# growth: worse
"""O(n²) at C speed: looks for the complement in a fresh copy of the prefix nums[:i]."""


def two_sum(nums, target):
    for i, x in enumerate(nums):
        if target - x in nums[:i]:
            return [nums.index(target - x), i]
    raise ValueError("no pair")
