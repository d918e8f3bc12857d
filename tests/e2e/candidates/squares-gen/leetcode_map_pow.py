# expect: AC
"""LeetCode's `class Solution`, with map and pow."""
from typing import List


class Solution:
    def squares(self, nums: List[int]) -> List[int]:
        return list(map(lambda x: pow(x, 2), nums))
