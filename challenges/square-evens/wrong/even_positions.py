# Filters by position instead of value: squares the values at even indices (nums[0], nums[2], ...).
def square_evens(nums):
    return [x * x for i, x in enumerate(nums) if i % 2 == 0]
