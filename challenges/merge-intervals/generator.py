import random


def generate(seed, n, shape="random", span=10**9):
    """A list of n intervals [start, end] (the argument list: one list).

    random    random starts in 0..span, lengths up to span / n * 3: overlapping runs of a few
    disjoint  n disjoint intervals (gaps between them), shuffled: nothing merges
    points    n one-point intervals [x, x] at even x, with each point twice, shuffled
    touching  [0, 1], [1, 2], ... shuffled: everything merges by touching ends
    nested    n intervals each inside the one before, shuffled: one interval remains
    sorted    the random shape, sorted by start
    reversed  the random shape, sorted by start descending
    """
    rng = random.Random(seed)
    if shape in ("random", "sorted", "reversed"):
        longest = max(1, span // n * 3)
        out = []
        for _ in range(n):
            s = rng.randint(0, span)
            out.append([s, min(span, s + rng.randint(0, longest))])
        if shape == "sorted":
            out.sort()
        elif shape == "reversed":
            out.sort(reverse=True)
        return [out]
    if shape == "disjoint":
        cuts = sorted(rng.sample(range(span // 2), 2 * n))
        # even numbers from distinct cuts: the gap between neighbours is at least 2
        out = [[2 * cuts[2 * i], 2 * cuts[2 * i + 1]] for i in range(n)]
    elif shape == "points":
        xs = rng.sample(range(0, span, 2), (n + 1) // 2)
        out = [[x, x] for x in xs] + [[x, x] for x in xs[: n // 2]]
    elif shape == "touching":
        out = [[i, i + 1] for i in range(n)]
    elif shape == "nested":
        out = [[i, span - i] for i in range(n)]
    else:
        raise ValueError(f"unknown shape {shape!r}")
    rng.shuffle(out)
    return [out]
