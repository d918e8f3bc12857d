# expect: WA
"""Only reads the first line, so numbers on later lines are ignored."""
numbers = [float(tok) for tok in input().split()]
print(sum(numbers) / len(numbers))
