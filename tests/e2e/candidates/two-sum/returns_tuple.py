# expect: AC
"""Returns a tuple, with the larger index first; both must be accepted."""


def two_sum(nums: list[int], target: int) -> tuple[int, int]:
    seen = {}
    for i, value in enumerate(nums):
        if target - value in seen:
            return (i, seen[target - value])
        seen[value] = i
    return (-1, -1)
