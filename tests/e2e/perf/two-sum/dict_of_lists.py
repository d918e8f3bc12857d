# growth: like-reference
"""O(n), about 3x the reference: every position kept in a defaultdict(list), then a scan."""

from collections import defaultdict


def two_sum(nums, target):
    where = defaultdict(list)
    for i, x in enumerate(nums):
        where[x].append(i)
    for i, x in enumerate(nums):
        for j in where.get(target - x, ()):
            if j != i:
                return [i, j]
    raise ValueError("no pair")
