import random


def generate(seed, n, capacity=None, keys=None):
    """A performance input of n operations on a cache whose capacity grows with n.

    The capacity is n / 12 (at most 3000 for n <= 36000) and the keys come from twice as
    many, so about half the gets and puts hit and most puts of a new key evict: a use or an
    eviction that scans the whole cache costs O(n) and makes the run quadratic.

    The generated tests give the capacity and the number of distinct keys (0..keys - 1)
    instead: a small cache with many keys evicts on almost every put.
    """
    rng = random.Random(seed)
    if capacity is None:
        capacity = max(1, n // 12)
    if keys is None:
        keys = 2 * capacity
    ops = ["LRUCache"]
    args = [[capacity]]
    for _ in range(n):
        key = rng.randrange(keys)
        if rng.random() < 0.5:
            ops.append("put")
            args.append([key, rng.randint(0, 10**5)])
        else:
            ops.append("get")
            args.append([key])
    return [ops, args]
