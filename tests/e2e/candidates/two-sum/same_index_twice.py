# expect: WA
"""Builds the whole map first and forgets that i must differ from j."""


def two_sum(nums: list[int], target: int) -> list[int]:
    position = {value: i for i, value in enumerate(nums)}
    for i, value in enumerate(nums):
        if target - value in position:
            return [i, position[target - value]]
    return []
