# Subtle: takes the later interval's end instead of the larger end, so an interval nested in
# the one before ([1, 10] then [2, 3]) cuts the merged one short.
def merge(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged
