# growth: like-reference
"""O(n) with a heavy constant: each element goes through a helper call, a tuple and str keys."""


def _key(v):
    return str(v)


def two_sum(nums, target):
    seen = {}
    for pair in [(i, x) for i, x in enumerate(nums)]:
        i, x = pair
        k = _key(target - x)
        if k in seen:
            return sorted([seen[k], i])
        seen[_key(x)] = i
    raise ValueError("no pair")
