# growth: like-reference
"""O(n): the reference's one pass, with an `in` test before indexing the map."""


def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    raise ValueError("no pair")
