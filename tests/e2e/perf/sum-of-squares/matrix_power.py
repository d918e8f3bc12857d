# growth: like-reference | inconclusive
"""O(log n): the recurrence S(k+1) = S(k) + (k+1)² as a 4×4 matrix, raised to the n-th power
by squaring. Against a constant-time reference, log n over these sizes is an exponent of
about 0.1: it cannot honestly be told from the reference's growth."""


def _mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(4)) for j in range(4)] for i in range(4)]


def sum_of_squares(n):
    # state (S, k², k, 1) → (S + k² + 2k + 1, k² + 2k + 1, k + 1, 1)
    step = [[1, 1, 2, 1], [0, 1, 2, 1], [0, 0, 1, 1], [0, 0, 0, 1]]
    result = [[int(i == j) for j in range(4)] for i in range(4)]
    while n:
        if n & 1:
            result = _mul(result, step)
        step = _mul(step, step)
        n >>= 1
    return result[0][3]  # from the state (0, 0, 0, 1)
