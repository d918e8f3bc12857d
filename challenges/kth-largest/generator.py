import random


def generate(seed, n, k=None, shape="random"):
    """A list of n integers in [-10^4, 10^4] and k (default n // 2).

    random        uniform values (the performance inputs)
    few-distinct  only 7 distinct values, each repeated many times
    all-equal     n copies of one value
    ascending     sorted from smallest to largest, with repeats
    descending    sorted from largest to smallest, with repeats
    """
    rng = random.Random(seed)
    if k is None:
        k = n // 2
    if shape == "random":
        nums = [rng.randint(-10**4, 10**4) for _ in range(n)]
    elif shape == "few-distinct":
        values = rng.sample(range(-10**4, 10**4 + 1), 7)
        nums = [rng.choice(values) for _ in range(n)]
    elif shape == "all-equal":
        nums = [rng.randint(-10**4, 10**4)] * n
    elif shape == "ascending":
        nums = sorted(rng.randint(-10**4, 10**4) for _ in range(n))
    elif shape == "descending":
        nums = sorted((rng.randint(-10**4, 10**4) for _ in range(n)), reverse=True)
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return [nums, k]
