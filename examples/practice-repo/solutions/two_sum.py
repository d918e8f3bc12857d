"""My solution to two-sum: one pass with a dict of the values seen."""


def two_sum(nums: list[int], target: int) -> list[int]:
    """Return the positions of the two numbers that add up to ``target``.

    One pass with a map from value to position: O(n) time, O(n) space.
    """
    seen: dict[int, int] = {}
    for i, value in enumerate(nums):
        j = seen.get(target - value)
        if j is not None:
            return [j, i]
        seen[value] = i
    raise ValueError("no two numbers add up to target")
