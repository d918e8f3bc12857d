# growth: like-reference
"""O(1): the closed form written through binomial coefficients, 2·C(n+2, 3) − C(n+1, 2)."""
from math import comb


def sum_of_squares(n):
    return 2 * comb(n + 2, 3) - comb(n + 1, 2)
