import random


def generate(seed, n, shape="mixed", bound=10**9):
    """A list of n integers in [-bound, bound].

    mixed   about half even, half odd (the performance inputs)
    evens   every value even: the answer is as long as the input
    odds    every value odd: the answer is empty
    """
    rng = random.Random(seed)
    if shape == "mixed":
        nums = [rng.randint(-bound, bound) for _ in range(n)]
    elif shape == "evens":
        nums = [2 * rng.randint(-bound // 2, bound // 2) for _ in range(n)]
    elif shape == "odds":
        nums = [2 * rng.randint(-bound // 2, bound // 2 - 1) + 1 for _ in range(n)]
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return [nums]
