# expect: WA
"""Finds a right pair but returns the larger value first."""


def closest_pair(nums):
    values = sorted(nums)
    i = min(range(len(values) - 1), key=lambda i: values[i + 1] - values[i])
    return (values[i + 1], values[i])
