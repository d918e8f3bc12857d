# Correct but O(V * (V + E)): a fresh DFS from every node, forgetting the nodes already proven
# cycle-free, so a long chain is walked again from each of its nodes.
def has_cycle(graph):
    for start in graph:
        on_path = {start}
        done = set()
        stack = [(start, iter(graph[start]))]
        while stack:
            node, neighbours = stack[-1]
            for nb in neighbours:
                if nb in on_path:
                    return True
                if nb not in done:
                    on_path.add(nb)
                    stack.append((nb, iter(graph.get(nb, []))))
                    break
            else:
                on_path.discard(node)
                done.add(node)
                stack.pop()
    return False
