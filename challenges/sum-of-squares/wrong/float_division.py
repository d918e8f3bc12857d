# Subtle: `/` makes a float, exact only up to 2^53 — wrong for the largest n (and a float).
def sum_of_squares(n):
    return int(n * (n + 1) * (2 * n + 1) / 6)
