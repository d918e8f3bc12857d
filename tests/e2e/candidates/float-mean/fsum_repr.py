# expect: AC
"""math.fsum, printed with print()'s default float repr."""
import math
import sys

numbers = [float(tok) for tok in sys.stdin.read().split()]
print(math.fsum(numbers) / len(numbers))
