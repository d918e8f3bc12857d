# Subtle: looks every node up with graph[node], so a node that appears only as a neighbour
# (it has no outgoing edges, and no key) raises KeyError.
def has_cycle(graph):
    colour = {}
    for start in graph:
        if colour.get(start, 0):
            continue
        colour[start] = 1
        stack = [(start, iter(graph[start]))]
        while stack:
            node, neighbours = stack[-1]
            for nb in neighbours:
                c = colour.get(nb, 0)
                if c == 1:
                    return True
                if c == 0:
                    colour[nb] = 1
                    stack.append((nb, iter(graph[nb])))
                    break
            else:
                colour[node] = 2
                stack.pop()
    return False
