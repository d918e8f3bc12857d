# expect: AC
"""Sorts, then keeps the first pair with the smallest gap (the lowest tied pair)."""


def closest_pair(nums: list[int]) -> tuple[int, int]:
    values = sorted(nums)
    best = None
    for a, b in zip(values, values[1:]):
        if best is None or b - a < best[1] - best[0]:
            best = (a, b)
    return best
