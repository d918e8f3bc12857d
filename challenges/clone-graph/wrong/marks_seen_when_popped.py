# Subtle: BFS marks a node done when it leaves the queue, not when it is first queued, so on
# a cycle a node is queued twice and its neighbours are copied twice (duplicate edges).
from collections import deque


def clone_graph(node):
    if node is None:
        return None
    copies = {}
    done = set()
    queue = deque([node])
    while queue:
        old = queue.popleft()
        done.add(old)
        copy = copies.setdefault(old, Node(old.val))
        for nb in old.neighbors:
            copy.neighbors.append(copies.setdefault(nb, Node(nb.val)))
            if nb not in done:
                queue.append(nb)
    return copies[node]
