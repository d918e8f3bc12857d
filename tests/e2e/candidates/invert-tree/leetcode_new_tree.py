# expect: AC
"""LeetCode's `class Solution` with `invertTree`; builds a mirrored copy instead of mutating."""
from typing import Optional


class Solution:
    def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:
        if root is None:
            return None
        return TreeNode(root.val, self.invertTree(root.right), self.invertTree(root.left))
