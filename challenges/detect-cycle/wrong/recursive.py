# Correct white/grey/black DFS, but recursive: a path longer than Python's recursion limit
# (1000 frames) raises RecursionError.
def has_cycle(graph):
    colour = {}

    def visit(node):
        colour[node] = 1
        for nb in graph.get(node, []):
            c = colour.get(nb, 0)
            if c == 1 or (c == 0 and visit(nb)):
                return True
        colour[node] = 2
        return False

    return any(colour.get(node, 0) == 0 and visit(node) for node in graph)
