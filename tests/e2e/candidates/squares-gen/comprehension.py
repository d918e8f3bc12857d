# expect: AC
"""A list comprehension."""


def squares(nums: list[int]) -> list[int]:
    return [x * x for x in nums]
