# expect: WA
"""Finds the right pair but returns the numbers instead of their indices."""


def two_sum(nums: list[int], target: int) -> list[int]:
    seen = set()
    for value in nums:
        if target - value in seen:
            return [target - value, value]
        seen.add(value)
    return []
