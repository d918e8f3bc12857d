import random

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def generate(seed, n, min_len=8, max_len=28):
    """A performance input of n words in about n / 2 anagram groups.

    Each group starts from a random word of min_len to max_len letters (8 to 28 unless
    given); its members are shuffles of it, so the number of groups grows with n and
    grouping them by pairwise comparison is quadratic.
    """
    rng = random.Random(seed)
    bases = []
    for _ in range(max(1, n // 2)):
        bases.append([rng.choice(LETTERS) for _ in range(rng.randint(min_len, max_len))])
    words = []
    for _ in range(n):
        letters = list(rng.choice(bases))
        rng.shuffle(letters)
        words.append("".join(letters))
    return [words]
