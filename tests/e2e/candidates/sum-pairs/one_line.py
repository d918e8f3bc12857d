# expect: AC
"""Prints all sums on ONE line, separated by spaces. The default check compares
whitespace-separated tokens, so this is accepted."""
import sys

tokens = sys.stdin.read().split()
t = int(tokens[0])
print(" ".join(str(int(tokens[1 + 2 * i]) + int(tokens[2 + 2 * i])) for i in range(t)))
