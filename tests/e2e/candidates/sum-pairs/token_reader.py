# expect: AC
"""Reads every token at once, then prints one sum per line."""
import sys

tokens = sys.stdin.read().split()
t = int(tokens[0])
for i in range(t):
    print(int(tokens[1 + 2 * i]) + int(tokens[2 + 2 * i]))
