"""Reference solution for merge-intervals."""


def merge(intervals: list[list[int]]) -> list[list[int]]:
    """Merge every group of overlapping (or touching) intervals into one.

    Sorted by start, an interval overlaps the merged run before it exactly when it starts
    no later than the run ends; otherwise it starts a new run. O(n log n) for the sort,
    then one pass. The input list is not modified.
    """
    merged: list[list[int]] = []
    for start, end in sorted(intervals, key=lambda iv: iv[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged
