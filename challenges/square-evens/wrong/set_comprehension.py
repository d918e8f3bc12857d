# Subtle: a set comprehension ({...}) drops duplicate squares and loses the input's order.
def square_evens(nums):
    return list({x * x for x in nums if x % 2 == 0})
