# expect: AC
"""Replaces the rows through slice assignment and returns something else, which is ignored."""


def rotate(matrix):
    matrix[:] = [list(row) for row in zip(*matrix[::-1])]
    return "done"
