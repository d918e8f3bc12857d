# expect: WA
"""Subtracts instead of adding."""
import sys

tokens = sys.stdin.read().split()
for i in range(int(tokens[0])):
    print(int(tokens[1 + 2 * i]) - int(tokens[2 + 2 * i]))
