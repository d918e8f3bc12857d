# growth: like-reference
"""O(1) with a heavier constant: the closed form built in steps, each divided exactly."""


def sum_of_squares(n):
    a, b, c = n, n + 1, 2 * n + 1
    if a % 2 == 0:
        a //= 2
    else:
        b //= 2
    if a % 3 == 0:
        a //= 3
    elif b % 3 == 0:
        b //= 3
    else:
        c //= 3
    return a * b * c
