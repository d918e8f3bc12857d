# Correct but O(n·k): a slice and a max per window; about n²/4 steps for k = n/2.
def max_sliding_window(nums, k):
    return [max(nums[i:i + k]) for i in range(len(nums) - k + 1)]
