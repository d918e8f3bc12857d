import random
import string


def generate(seed, n, unique_at=-1, shape="one-unique"):
    """A string of n lowercase letters.

    one-unique  every letter occurs at least twice except one, placed at position
                unique_at (default -1: the last position; the performance inputs)
    none        every letter that occurs, occurs at least twice: answer -1
    same        one letter n times: answer -1 (n >= 2)
    two-unique  like one-unique, plus a second unique letter in the last position
    """
    rng = random.Random(seed)
    letters = list(string.ascii_lowercase)
    rng.shuffle(letters)
    if shape == "same":
        return [letters[0] * n]
    uniques = {"one-unique": 1, "none": 0, "two-unique": 2}[shape]
    pool = letters[uniques:]
    body = [rng.choice(pool) for _ in range(n - uniques)]
    counts = {c: body.count(c) for c in pool}
    common = max(pool, key=counts.get)
    body = [common if counts[c] == 1 else c for c in body]  # no letter of the body once
    if shape == "two-unique":
        body.append(letters[1])
    if uniques:
        pos = unique_at if unique_at >= 0 else len(body) + 1 + unique_at
        body.insert(pos, letters[0])
    return ["".join(body)]
