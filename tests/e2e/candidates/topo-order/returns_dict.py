# expect: WA
"""Returns a mapping node -> position instead of the list of nodes: the checker must cope."""


def topo_order(n, edges):
    return {u: u for u in range(n)}
