# expect: AC
"""A correct copy made after taking the input apart: the freed input nodes' addresses may
be reused by new nodes, which must not count as the input's."""
def clone_graph(node):
    if node is None: return None
    # record the structure as plain ints, then dismantle the input (allowed: it is ours)
    adj = {}; stack = [node]; seen = {node}
    while stack:
        o = stack.pop()
        adj[o.val] = [nb.val for nb in o.neighbors]
        for nb in o.neighbors:
            if nb not in seen: seen.add(nb); stack.append(nb)
    for o in seen: o.neighbors = []
    del seen, stack, o
    nodes = {v: Node(v) for v in adj}
    for v, nbs in adj.items():
        nodes[v].neighbors = [nodes[w] for w in nbs]
    return nodes[1]
