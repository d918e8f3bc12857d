"""Reference solution for rotate-matrix."""


def rotate(matrix: list[list[int]]) -> None:
    """Rotate the n x n ``matrix`` 90 degrees clockwise, in place.

    Transpose (swap across the main diagonal), then reverse each row: O(n^2) time,
    O(1) extra space.
    """
    n = len(matrix)
    for i in range(n):
        row = matrix[i]
        for j in range(i + 1, n):
            row[j], matrix[j][i] = matrix[j][i], row[j]
    for row in matrix:
        row.reverse()
