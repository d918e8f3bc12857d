# Subtle: keeps values (not positions) and pops equal ones too, so an older equal maximum leaving removes the newer one ([5, 5, 1], k = 2).
from collections import deque


def max_sliding_window(nums, k):
    window = deque()
    out = []
    for i, x in enumerate(nums):
        if i >= k and window and window[0] == nums[i - k]:
            window.popleft()
        while window and window[-1] <= x:
            window.pop()
        window.append(x)
        if i >= k - 1:
            out.append(window[0])
    return out
