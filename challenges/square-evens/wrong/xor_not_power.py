# Subtle: `x ^ 2` is bitwise XOR in Python, not a power (2 ^ 2 == 0, 4 ^ 2 == 6).
def square_evens(nums):
    return [x ^ 2 for x in nums if x % 2 == 0]
