# growth: worse
"""O(n²) at C speed: list.index(complement, i + 1) for each element, ValueError when absent."""


def two_sum(nums, target):
    for i, x in enumerate(nums):
        try:
            return [i, nums.index(target - x, i + 1)]
        except ValueError:
            pass
    raise ValueError("no pair")
