# expect: AC
"""LeetCode's `class Solution` with `cloneGraph`, BFS keyed by node value."""
from collections import deque
from typing import Optional


class Solution:
    def cloneGraph(self, node: Optional["Node"]) -> Optional["Node"]:
        if not node:
            return None
        made = {node.val: Node(node.val, [])}
        queue = deque([node])
        while queue:
            old = queue.popleft()
            for nb in old.neighbors:
                if nb.val not in made:
                    made[nb.val] = Node(nb.val, [])
                    queue.append(nb)
                made[old.val].neighbors.append(made[nb.val])
        return made[node.val]
