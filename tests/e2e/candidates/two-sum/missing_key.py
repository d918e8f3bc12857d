# expect: RE
# message: KeyError
"""Assumes every number's complement is somewhere in the list."""


def two_sum(nums: list[int], target: int) -> list[int]:
    position = {value: i for i, value in enumerate(nums)}
    for i, value in enumerate(nums):
        j = position[target - value]
        if j != i:
            return [i, j]
    return []
