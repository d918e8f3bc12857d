# expect: WA
"""Never looks at the last element."""


def two_sum(nums: list[int], target: int) -> list[int]:
    seen = {}
    for i in range(len(nums) - 1):
        if target - nums[i] in seen:
            return [seen[target - nums[i]], i]
        seen[nums[i]] = i
    return []
