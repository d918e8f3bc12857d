"""Reference solution for sliding-window-maximum."""

from collections import deque


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    """Return the maximum of every window of ``k`` consecutive values, left to right.

    A deque of positions whose values decrease from front to back: each position is
    pushed and popped at most once, so O(n) time and O(k) extra space.
    """
    window: deque[int] = deque()
    out: list[int] = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()  # never a maximum again while x is in the window
        window.append(i)
        if window[0] <= i - k:
            window.popleft()  # slid out on the left
        if i >= k - 1:
            out.append(nums[window[0]])
    return out
