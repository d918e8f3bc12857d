# Correct but O(n^2): tries every ordered pair of positions; the large tests put the pair late.
def two_sum(nums, target):
    for i in range(len(nums)):
        for j in range(len(nums)):
            if i != j and nums[i] + nums[j] == target:
                return [i, j]
    return []
