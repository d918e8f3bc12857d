# growth: like-reference
"""O(n): a set of values seen; positions found once at the end with list.index."""


def two_sum(nums, target):
    seen = set()
    for i, x in enumerate(nums):
        if target - x in seen:
            return [nums.index(target - x), i]
        seen.add(x)
    raise ValueError("no pair")
