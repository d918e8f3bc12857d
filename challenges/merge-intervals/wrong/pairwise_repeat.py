# Correct but O(n^2) or worse: compares every pair, merges one overlapping pair, and starts
# over until no pair overlaps.
def merge(intervals):
    out = [list(iv) for iv in intervals]
    changed = True
    while changed:
        changed = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if a[0] <= b[1] and b[0] <= a[1]:
                    out[i] = [min(a[0], b[0]), max(a[1], b[1])]
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out
