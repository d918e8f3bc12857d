import random


def generate(seed, n):
    """A performance input of size n with exactly one answer, at the very end.

    Every number but one is even and the target is odd, so the pair must be the one odd
    number plus the even number that completes it; both are placed last, so a solution
    cannot finish early.
    """
    rng = random.Random(seed)
    target = 10**9 + 7
    nums = rng.sample(range(-(10**9), 10**9, 2), n - 2)
    nums = [x for x in nums if x != 2 * 10**8]  # keep the completing number unique
    while len(nums) < n - 2:
        nums.append(4 * 10**8 + 2 * len(nums))
    nums += [target - 2 * 10**8, 2 * 10**8]
    return [nums, target]
