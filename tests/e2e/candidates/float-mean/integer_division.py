# expect: WA
"""Floors the mean with integer division (1 2 3 4 gives 2)."""
import sys

numbers = [float(tok) for tok in sys.stdin.read().split()]
print(int(sum(numbers)) // len(numbers))
