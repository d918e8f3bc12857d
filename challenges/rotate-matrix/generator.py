import random


def generate(seed, n, low=-1000, high=1000):
    """An n x n matrix of random integers in [low, high]."""
    rng = random.Random(seed)
    return [[[rng.randint(low, high) for _ in range(n)] for _ in range(n)]]
