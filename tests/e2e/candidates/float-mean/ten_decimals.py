# expect: AC
"""Prints the mean with 10 decimals: off by at most 5e-11, inside the tolerance."""
import sys

numbers = [float(tok) for tok in sys.stdin.read().split()]
print(f"{sum(numbers) / len(numbers):.10f}")
