# expect: RE
"""Right-aligns the sums to the widest one; max() of no sums raises ValueError when T = 0."""
import sys

data = sys.stdin.read().split()
t = int(data[0])
sums = [int(data[1 + 2 * i]) + int(data[2 + 2 * i]) for i in range(t)]
width = max(len(str(s)) for s in sums)
for s in sums:
    print(str(s).rjust(width))
