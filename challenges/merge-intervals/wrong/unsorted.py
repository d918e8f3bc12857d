# Subtle: forgets to sort, so it only merges intervals that happen to be next to each other.
def merge(intervals):
    merged = []
    for start, end in intervals:
        if merged and merged[-1][0] <= start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
