# Correct but O(n^2): `result = result + [...]` copies the whole list for every even value.
def square_evens(nums):
    result = []
    for x in nums:
        if x % 2 == 0:
            result = result + [x * x]
    return result
