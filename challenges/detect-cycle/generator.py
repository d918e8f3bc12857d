import random


def generate(seed, n, shape="dag", extra=1.0):
    """A directed graph of n nodes as an adjacency dict (the argument list: one graph).

    chain          0 -> 1 -> ... -> n-1 (no cycle); keys listed from the start of the chain
    chain-reversed the same chain with its keys listed from the end
    chain-closed   the chain plus the edge n-1 -> 0: one cycle through every node
    chain-loop     the chain plus a self-loop on its last node (a key), the only cycle
    dag            nodes in a random topological order, about extra * n random forward edges
                   plus a path through the order (a deep DAG); no cycle
    dag-back       the same DAG plus one backward edge between two random nodes of the path
    diamonds       n/3 diamonds a -> b, a -> c, b -> d, c -> d chained d -> next a; no cycle
    The performance inputs use dag (their answer is False, so all of the graph is explored).
    Node ids are spread over -10^9..10^9; nodes with no outgoing edge are sometimes left out
    of the keys (they appear only as neighbours).
    """
    rng = random.Random(seed)
    ids = rng.sample(range(-10**9, 10**9), n)
    edges = []
    if shape.startswith("chain"):
        edges = [(i, i + 1) for i in range(n - 1)]
        if shape == "chain-closed":
            edges.append((n - 1, 0))
        if shape == "chain-loop":
            edges.append((n - 1, n - 1))
        order = list(range(n - 1, -1, -1)) if shape == "chain-reversed" else list(range(n))
    elif shape in ("dag", "dag-back"):
        edges = [(i, i + 1) for i in range(n - 1)]
        for _ in range(int(extra * n)):
            a, b = sorted(rng.sample(range(n), 2))
            edges.append((a, b))
        if shape == "dag-back":
            a, b = sorted(rng.sample(range(n), 2))
            edges.append((b, a))
        order = list(range(n))
        rng.shuffle(order)
    elif shape == "diamonds":
        for a in range(0, n - 3, 3):
            b, c, d = a + 1, a + 2, a + 3
            edges += [(a, b), (a, c), (b, d), (c, d)]
        order = list(range(n))
    else:
        raise ValueError(f"unknown shape {shape!r}")
    out = {i: [] for i in range(n)}
    for a, b in edges:
        out[a].append(ids[b])
    for nbs in out.values():
        rng.shuffle(nbs)
    graph = {}
    for i in order:
        if out[i] or rng.random() < 0.5:
            graph[ids[i]] = out[i]
    return [graph]
