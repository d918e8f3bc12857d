# expect: WA
"""Rotates in place, but 90 degrees counter-clockwise."""


def rotate(matrix):
    matrix[:] = [list(row) for row in zip(*matrix)][::-1]
