# expect: WA
"""Prunes values above the target, which is only safe without negatives."""


def two_sum(nums: list[int], target: int) -> list[int]:
    seen = {}
    for i, value in enumerate(nums):
        if value > target:
            continue
        if target - value in seen:
            return [seen[target - value], i]
        seen[value] = i
    return []
