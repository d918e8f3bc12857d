# growth: like-reference
"""O(n) with a builtin: faster than the reference's loop, same growth."""


def sum_of_squares(nums):
    return sum(x * x for x in nums)
