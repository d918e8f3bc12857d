# expect: AC
"""DFS finishing order, reversed; returns a tuple, which is still a sequence of nodes."""


def topo_order(n, edges):
    out_edges = [[] for _ in range(n)]
    for u, v in edges:
        out_edges[u].append(v)
    seen = [False] * n
    finished = []

    def visit(u):
        seen[u] = True
        for v in out_edges[u]:
            if not seen[v]:
                visit(v)
        finished.append(u)

    for u in range(n - 1, -1, -1):
        if not seen[u]:
            visit(u)
    return tuple(reversed(finished))
