import random


def generate(seed, n, shape):
    """A connected graph of n nodes as 1-indexed adjacency lists (node i has value i).

    path         1 - 2 - ... - n, the given node at one end
    path-middle  a path with node 1 in its middle
    cycle        1 - 2 - ... - n - 1
    complete     every pair of nodes joined
    grid         a square grid, rows of int(sqrt(n)) nodes
    random       a random spanning tree plus 2n random extra edges, neighbours in random order
    """
    rng = random.Random(seed)
    edges = []
    if shape == "path":
        edges = [(k, k + 1) for k in range(1, n)]
    elif shape == "path-middle":
        order = list(range(n - 1 if n % 2 == 0 else n, 0, -2)) + list(range(2, n + 1, 2))
        edges = list(zip(order, order[1:]))
    elif shape == "cycle":
        edges = [(k, k % n + 1) for k in range(1, n + 1)]
    elif shape == "complete":
        edges = [(i, j) for i in range(1, n + 1) for j in range(i + 1, n + 1)]
    elif shape == "grid":
        side = int(n**0.5)
        for v in range(1, n + 1):
            if v % side != 0 and v + 1 <= n:
                edges.append((v, v + 1))
            if v + side <= n:
                edges.append((v, v + side))
    elif shape == "random":
        pairs = set()
        for v in range(2, n + 1):
            pairs.add((rng.randint(1, v - 1), v))
        while len(pairs) < min(n * (n - 1) // 2, 3 * n):
            i, j = sorted(rng.sample(range(1, n + 1), 2))
            pairs.add((i, j))
        edges = sorted(pairs)
    else:
        raise ValueError(f"unknown shape {shape!r}")
    adjacency = [[] for _ in range(n)]
    for u, v in edges:
        adjacency[u - 1].append(v)
        adjacency[v - 1].append(u)
    if shape == "random":
        for nbs in adjacency:
            rng.shuffle(nbs)
    return [adjacency]
