# growth: worse
"""O(n²): the values seen kept in a list, so each membership test scans it (in C)."""


def two_sum(nums, target):
    seen = []
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen.index(target - x), i]
        seen.append(x)
    raise ValueError("no pair")
