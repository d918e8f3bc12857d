# Subtle: links a copy only to neighbours it discovers first, so every edge back to a node
# already copied (the way back to the parent, the edge closing a cycle) is dropped.
from collections import deque


def clone_graph(node):
    if node is None:
        return None
    copies = {node: Node(node.val)}
    queue = deque([node])
    while queue:
        old = queue.popleft()
        for nb in old.neighbors:
            if nb not in copies:
                copies[nb] = Node(nb.val)
                copies[old].neighbors.append(copies[nb])
                queue.append(nb)
    return copies[node]
