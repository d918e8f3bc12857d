# growth: like-reference | inconclusive
"""O(n log n): sorted (value, position) pairs, a binary search for every complement."""

from bisect import bisect_left


def two_sum(nums, target):
    pairs = sorted((x, i) for i, x in enumerate(nums))
    values = [x for x, _ in pairs]
    for k, (x, i) in enumerate(pairs):
        j = bisect_left(values, target - x, k + 1)
        if j < len(values) and values[j] == target - x:
            return [i, pairs[j][1]]
    raise ValueError("no pair")
