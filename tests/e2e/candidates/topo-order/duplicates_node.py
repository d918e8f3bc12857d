# expect: WA
"""Appends a node once per incoming edge processed, so nodes with two parents appear twice."""


def topo_order(n, edges):
    order = [u for u in range(n) if all(v != u for _, v in edges)]
    i = 0
    while i < len(order):
        u = order[i]
        for a, b in edges:
            if a == u:
                order.append(b)
        i += 1
    return order
