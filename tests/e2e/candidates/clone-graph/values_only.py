# expect: WA
"""Copies the given node's value but none of its neighbours."""


def clone_graph(node):
    if node is None:
        return None
    return Node(node.val)
