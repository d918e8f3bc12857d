import random


def generate(seed, n, shape="answer-at-end"):
    """A large input of n numbers with exactly one answer.

    answer-at-end     distinct values; every number but one is even and the target is odd,
                      so the pair is the one odd number and the even number completing it,
                      both placed last: a solution cannot finish early (the performance
                      inputs).
    duplicates        small values with many repeats; the only odd one is first and its
                      complement is last.
    half-target-trap  the target is even and half of it appears once: using one position
                      twice finds a false answer; the real pair is far apart.
    """
    rng = random.Random(seed)
    if shape == "answer-at-end":
        target = 10**9 + 7
        nums = rng.sample(range(-(10**9), 10**9, 2), n - 2)
        nums = [x for x in nums if x != 2 * 10**8]  # keep the completing number unique
        while len(nums) < n - 2:
            nums.append(4 * 10**8 + 2 * len(nums))
        nums += [target - 2 * 10**8, 2 * 10**8]
        return [nums, target]
    if shape == "duplicates":
        target = 1509
        first = 11
        nums = [first] + [rng.randrange(-5000, 5000, 2) for _ in range(n - 2)] + [target - first]
        nums[1:-1] = [x for x in nums[1:-1] if x != target - first] + [0] * sum(
            1 for x in nums[1:-1] if x == target - first)
        return [nums, target]
    if shape == "half-target-trap":
        target = -1719448  # a multiple of 4; every other value is 1 mod 4, so no two sum to it
        x = -999999  # its complement, target - x, is 3 mod 4: the only such value
        fillers = set()
        while len(fillers) < n - 3:
            v = rng.randrange(-999999, 999999)
            v -= (v - 1) % 4  # 1 mod 4
            if v != target - x:
                fillers.add(v)
        nums = sorted(fillers)
        rng.shuffle(nums)
        nums.insert(7000, x)
        nums.insert(n // 3, target // 2)  # the trap: 2 × half is the target
        nums.insert(n - 2, target - x)
        return [nums, target]
    raise ValueError(f"unknown shape {shape!r}")
