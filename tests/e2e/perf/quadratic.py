# growth: worse
"""O(n²): rescans the prefix for every element."""


def sum_of_squares(nums):
    total = 0
    for i in range(len(nums)):
        total += sum(x * x for x in nums[i : i + 1])
        for _ in nums[:i]:
            pass
    return total
