# expect: AC
"""Writes through a TextIOWrapper over sys.stdout.buffer and ends with exit() (from site)."""
import io
import sys

out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
data = sys.stdin.read().split()
t = int(data[0])
for i in range(t):
    out.write(f"{int(data[1 + 2 * i]) + int(data[2 + 2 * i])}\n")
out.flush()
exit(False)
