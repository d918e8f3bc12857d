# Rotates in place, but 90 degrees counter-clockwise: transposes, then reverses the order of the rows instead of each row.
def rotate(matrix):
    n = len(matrix)
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
    matrix.reverse()
