# expect: WA
"""Ignores the edges and returns 0, 1, ..., n-1."""


def topo_order(n, edges):
    return list(range(n))
