"""Reference solution for kth-largest."""

import random


def find_kth_largest(nums: list[int], k: int) -> int:
    """Return the k-th largest value of ``nums`` (counting duplicates), without sorting.

    Quickselect with a random pivot and a three-way split (larger / equal / smaller), so
    runs of equal values cost nothing extra: O(n) expected time, iterative.
    """
    rng = random.Random(len(nums))  # a fixed seed: the same answer path every run
    while True:
        pivot = nums[rng.randrange(len(nums))]
        larger = [x for x in nums if x > pivot]
        if k <= len(larger):
            nums = larger
            continue
        equal = nums.count(pivot)
        if k <= len(larger) + equal:
            return pivot
        k -= len(larger) + equal
        nums = [x for x in nums if x < pivot]
