# expect: WA
# message: of the input
"""Returns the given node itself: right values, but every node is shared with the input."""


def clone_graph(node):
    return node
