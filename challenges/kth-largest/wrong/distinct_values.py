# Subtle: ranks the distinct values, so duplicates count once ([3, 2, 3, 1, 2, 4, 5, 5, 6], k = 4 gives 3, not 4).
def find_kth_largest(nums, k):
    return sorted(set(nums), reverse=True)[k - 1]
