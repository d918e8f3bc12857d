# growth: like-reference
"""O(n): one pass, a missing complement caught as KeyError (an exception on almost every element)."""


def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        try:
            return [seen[target - x], i]
        except KeyError:
            seen[x] = i
    raise ValueError("no pair")
