# expect: WA
"""Returns the smallest difference itself instead of the pair."""


def closest_pair(nums):
    values = sorted(nums)
    return min(b - a for a, b in zip(values, values[1:]))
