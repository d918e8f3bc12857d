# Subtle: transposes in place but forgets to reverse each row (a mirror across the diagonal, not a rotation).
def rotate(matrix):
    n = len(matrix)
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
