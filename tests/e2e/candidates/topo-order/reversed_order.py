# expect: WA
"""Computes a valid order with Kahn's algorithm, then returns it reversed."""
from collections import deque


def topo_order(n, edges):
    out_edges = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v in edges:
        out_edges[u].append(v)
        indegree[v] += 1
    ready = deque(i for i in range(n) if indegree[i] == 0)
    order = []
    while ready:
        u = ready.popleft()
        order.append(u)
        for v in out_edges[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    return order[::-1]
