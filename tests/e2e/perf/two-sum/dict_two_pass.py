# growth: like-reference
"""O(n): a first pass maps every value to its last position, a second looks up complements."""


def two_sum(nums, target):
    last = {}
    for i, x in enumerate(nums):
        last[x] = i
    for i, x in enumerate(nums):
        j = last.get(target - x)
        if j is not None and j != i:
            return [i, j]
    raise ValueError("no pair")
