"""Reference solution for detect-cycle."""

WHITE, GREY, BLACK = 0, 1, 2


def has_cycle(graph: dict[int, list[int]]) -> bool:
    """Whether the directed graph has a cycle.

    Depth-first search with three colours: white (not reached), grey (on the current path)
    and black (finished: every node reachable from it has been explored and no cycle was
    found). An edge into a grey node closes a cycle; an edge into a black node is safe and
    is not explored again. An explicit stack of (node, neighbour iterator) pairs stands in
    for recursion, so paths of any length work. O(V + E) time and space.
    """
    colour: dict[int, int] = {}
    for start in graph:
        if colour.get(start, WHITE) != WHITE:
            continue
        colour[start] = GREY
        stack = [(start, iter(graph[start]))]
        while stack:
            node, neighbours = stack[-1]
            for nb in neighbours:
                c = colour.get(nb, WHITE)
                if c == GREY:
                    return True
                if c == WHITE:
                    colour[nb] = GREY
                    stack.append((nb, iter(graph.get(nb, ()))))
                    break
            else:
                colour[node] = BLACK
                stack.pop()
    return False
