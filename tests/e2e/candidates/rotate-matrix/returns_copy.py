# expect: WA
"""Builds and returns the rotated matrix but leaves the argument untouched."""


def rotate(matrix):
    return [list(row) for row in zip(*matrix[::-1])]
