# expect: AC
"""Keeps the LAST tied pair and returns a list: another of the accepted answers."""


def closest_pair(nums):
    values = sorted(nums)
    best = None
    for a, b in zip(values, values[1:]):
        if best is None or b - a <= best[1] - best[0]:
            best = [a, b]
    return best
