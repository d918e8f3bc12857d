# Builds the rotated matrix and binds it to the local name only: the caller's matrix is unchanged.
def rotate(matrix):
    matrix = [list(row) for row in zip(*matrix[::-1])]
    return matrix
