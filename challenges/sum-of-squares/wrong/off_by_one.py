# Subtle: the formula for 1..n-1 (n - 1 in place of n + 1 loses the last square).
def sum_of_squares(n):
    return (n - 1) * n * (2 * n - 1) // 6
