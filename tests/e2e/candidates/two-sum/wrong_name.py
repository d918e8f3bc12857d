# expect: CE
# message: two_sum
"""Correct logic, but the function is not called two_sum."""


def find_pair(nums: list[int], target: int) -> list[int]:
    seen = {}
    for i, value in enumerate(nums):
        if target - value in seen:
            return [seen[target - value], i]
        seen[value] = i
    return []
