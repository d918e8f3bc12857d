def generate(seed, n):
    """A performance input: n itself (the work a loop does grows with it)."""
    return [n]
