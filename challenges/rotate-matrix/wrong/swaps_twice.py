# Subtle: the transpose loop visits every pair twice (j from 0, not i + 1), undoing itself: only the row reversal is left.
def rotate(matrix):
    n = len(matrix)
    for i in range(n):
        for j in range(n):
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
    for row in matrix:
        row.reverse()
