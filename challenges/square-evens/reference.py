"""Reference solution for square-evens."""


def square_evens(nums: list[int]) -> list[int]:
    """Return the squares of the even values of ``nums``, in their original order.

    One list comprehension: the filter tests the value, then the square is taken.
    O(n) time.
    """
    return [x * x for x in nums if x % 2 == 0]
