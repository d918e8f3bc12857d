import random


def generate(seed, n, shape="random"):
    """A linked list of n values (the argument list: one list).

    random    values drawn from -5000..5000 (repeats likely)
    distinct  n distinct values, shuffled (needs n <= 10001)
    """
    rng = random.Random(seed)
    if shape == "random":
        return [[rng.randint(-5000, 5000) for _ in range(n)]]
    if shape == "distinct":
        return [rng.sample(range(-5000, 5001), n)]
    raise ValueError(f"unknown shape {shape!r}")
