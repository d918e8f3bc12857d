import random

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def generate(seed, n):
    """A performance input of n words in about n / 2 anagram groups.

    Each group starts from a random word of 8 to 28 letters; its members are shuffles of
    it, so the number of groups grows with n and grouping them by pairwise comparison is
    quadratic.
    """
    rng = random.Random(seed)
    bases = []
    for _ in range(max(1, n // 2)):
        bases.append([rng.choice(LETTERS) for _ in range(rng.randint(8, 28))])
    words = []
    for _ in range(n):
        letters = list(rng.choice(bases))
        rng.shuffle(letters)
        words.append("".join(letters))
    return [words]
