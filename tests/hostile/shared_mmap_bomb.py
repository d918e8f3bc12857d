# expect: MLE
# needs: cgroups
# challenge: small-memory
# Shared anonymous memory is not counted by RLIMIT_DATA: only the box's cgroup stops it.
import mmap


def add(a, b):
    maps = []
    while True:
        m = mmap.mmap(-1, 64 << 20)
        for offset in range(0, len(m), 4096):
            m[offset] = 1
        maps.append(m)
