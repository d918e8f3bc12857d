# expect: WA
"""Loops over range(T - 1) and so never prints the last sum."""
t = int(input())
for _ in range(t - 1):
    a, b = map(int, input().split())
    print(a + b)
