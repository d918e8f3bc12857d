def generate(seed, n):
    """fib() takes no arguments: the size is how many numbers are pulled (the case's take)."""
    return []
