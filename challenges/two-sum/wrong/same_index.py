# Subtle: fills the whole map first, then looks up target - x, which can find x's own index
# when x is exactly half of the target.
def two_sum(nums, target):
    where = {value: i for i, value in enumerate(nums)}
    for i, value in enumerate(nums):
        j = where.get(target - value)
        if j is not None:
            return [i, j]
    return []
