# expect: WA
"""Prints the mean rounded to 3 decimals: off by up to 5e-4, far beyond the 1e-6 tolerance."""
import sys

numbers = [float(tok) for tok in sys.stdin.read().split()]
print(f"{sum(numbers) / len(numbers):.3f}")
