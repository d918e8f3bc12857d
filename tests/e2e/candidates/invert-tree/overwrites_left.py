# expect: WA
"""Assigns root.left before reading it, so both children end up as the same subtree."""


def invert_tree(root):
    if root is None:
        return None
    root.left = invert_tree(root.right)
    root.right = invert_tree(root.left)
    return root
