"""Reference solution for clone-graph."""

from collections import deque
from typing import Optional


def clone_graph(node: Optional[Node]) -> Optional[Node]:
    """Return a deep copy of the graph reachable from ``node``.

    Breadth-first search with a map from each original node to its copy: a node is copied
    when first seen, and each original's neighbour list is copied (in order) once, when it
    leaves the queue. O(V + E) time, O(V) extra space, no recursion.
    """
    if node is None:
        return None
    copies = {node: Node(node.val)}
    queue = deque([node])
    while queue:
        old = queue.popleft()
        new_neighbors = copies[old].neighbors
        for nb in old.neighbors:
            if nb not in copies:
                copies[nb] = Node(nb.val)
                queue.append(nb)
            new_neighbors.append(copies[nb])
    return copies[node]
