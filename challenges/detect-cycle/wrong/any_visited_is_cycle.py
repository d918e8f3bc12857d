# Subtle: undirected-style check — any edge into an already visited node counts as a cycle,
# so a DAG where two paths meet (a diamond: 0 -> 1 -> 3, 0 -> 2 -> 3) is reported cyclic.
def has_cycle(graph):
    visited = set()
    for start in graph:
        if start in visited:
            continue
        visited.add(start)
        stack = [start]
        while stack:
            node = stack.pop()
            for nb in graph.get(node, []):
                if nb in visited:
                    return True
                visited.add(nb)
                stack.append(nb)
    return False
