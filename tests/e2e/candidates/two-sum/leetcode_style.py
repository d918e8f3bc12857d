# expect: AC
from typing import List


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        index_of = {}
        for i, n in enumerate(nums):
            if target - n in index_of:
                return [index_of[target - n], i]
            index_of[n] = i
        return []
