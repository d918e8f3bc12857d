# growth: like-reference
"""O(n): a while loop over positions with a dict: a slower constant than enumerate."""


def two_sum(nums, target):
    seen = {}
    i = 0
    n = len(nums)
    while i < n:
        value = nums[i]
        need = target - value
        if need in seen:
            return [seen[need], i]
        seen[value] = i
        i += 1
    raise ValueError("no pair")
