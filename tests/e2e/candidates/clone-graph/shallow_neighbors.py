# expect: WA
# message: of the input
"""Copies the first node but keeps the original neighbour objects in its list."""


def clone_graph(node):
    if node is None:
        return None
    return Node(node.val, list(node.neighbors))
