import random


def generate(seed, n, k=None, shape="random"):
    """A list of n integers in [-10^4, 10^4] and a window size k (default n // 2).

    random        uniform values (the performance inputs)
    increasing    strictly increasing where n allows, else non-decreasing
    decreasing    the reverse: every window's maximum is its first value
    few-distinct  only 3 distinct values: long runs of equal maxima
    """
    rng = random.Random(seed)
    if k is None:
        k = max(1, n // 2)
    if shape == "random":
        nums = [rng.randint(-10**4, 10**4) for _ in range(n)]
    elif shape == "increasing":
        nums = sorted(rng.sample(range(-10**4, 10**4 + 1), n) if n <= 20001
                      else (rng.randint(-10**4, 10**4) for _ in range(n)))
    elif shape == "decreasing":
        nums = sorted(rng.sample(range(-10**4, 10**4 + 1), n) if n <= 20001
                      else (rng.randint(-10**4, 10**4) for _ in range(n)), reverse=True)
    elif shape == "few-distinct":
        values = rng.sample(range(-10**4, 10**4 + 1), 3)
        nums = [rng.choice(values) for _ in range(n)]
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return [nums, k]
