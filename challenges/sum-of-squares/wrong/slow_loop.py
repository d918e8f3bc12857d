# Correct but O(n): the loop from the statement runs out of time for n near 10^12.
def sum_of_squares(n):
    total = 0
    for i in range(1, n + 1):
        total += i * i
    return total
