# expect: WA
"""Copies the first 1100 nodes and reuses the input's nodes beyond them (rewired to the
copies): the fresh-nodes check must reach every node of a long input."""
def clone_graph(node):
    if node is None: return None
    T = 1100
    copies = {}
    def c(n):
        if n.val > T: return n           # reuse the input's node
        if n not in copies: copies[n] = Node(n.val)
        return copies[n]
    order = []; seen = {node}; stack = [node]
    while stack:
        old = stack.pop(); order.append(old)
        for nb in old.neighbors:
            if nb not in seen: seen.add(nb); stack.append(nb)
    for old in order:
        new = [c(nb) for nb in old.neighbors]
        c(old).neighbors = new           # for reused nodes this rewires them to the copies
    return c(node)
