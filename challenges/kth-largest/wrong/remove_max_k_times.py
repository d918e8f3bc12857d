# Correct but O(n·k): removes the maximum k - 1 times, each a full scan; too slow for n = 10^5 with k near n/2.
def find_kth_largest(nums, k):
    nums = list(nums)
    for _ in range(k - 1):
        nums.remove(max(nums))
    return max(nums)
