# expect: AC
"""Kahn's algorithm, always taking the smallest ready node (a heap)."""
import heapq


def topo_order(n: int, edges: list[tuple[int, int]]) -> list[int]:
    out_edges = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v in edges:
        out_edges[u].append(v)
        indegree[v] += 1
    ready = [i for i in range(n) if indegree[i] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        u = heapq.heappop(ready)
        order.append(u)
        for v in out_edges[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                heapq.heappush(ready, v)
    return order
