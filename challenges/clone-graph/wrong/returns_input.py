# Shallow: returns the given node itself, so every node of the "copy" is the input's.
def clone_graph(node):
    return node
