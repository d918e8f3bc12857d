# expect: WA
"""Swaps the root's two children and stops there."""


def invert_tree(root):
    if root is not None:
        root.left, root.right = root.right, root.left
    return root
