# expect: WA
"""Mirrors the tree correctly but returns its level-order values as a list, not a TreeNode."""
from collections import deque


def invert_tree(root):
    out = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
            continue
        node.left, node.right = node.right, node.left
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out
