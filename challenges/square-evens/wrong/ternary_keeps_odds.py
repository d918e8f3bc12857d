# Subtle: a conditional expression instead of a filter, so odd values stay in the list (unsquared).
def square_evens(nums):
    return [x * x if x % 2 == 0 else x for x in nums]
