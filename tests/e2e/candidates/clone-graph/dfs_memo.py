# expect: AC
"""Recursive DFS with a memo from original node to its copy."""
from typing import Optional


import sys

sys.setrecursionlimit(10000)  # deep graphs


def clone_graph(node: Optional[Node]) -> Optional[Node]:
    copies = {}

    def clone(old):
        if old in copies:
            return copies[old]
        new = Node(old.val)
        copies[old] = new
        new.neighbors = [clone(nb) for nb in old.neighbors]
        return new

    return clone(node) if node is not None else None
