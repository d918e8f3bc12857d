def sum_of_squares(n: int) -> int:
    # 1² + … + n² = n(n + 1)(2n + 1) / 6, and the product is always divisible by 6.
    return n * (n + 1) * (2 * n + 1) // 6
