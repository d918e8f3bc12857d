# growth: like-reference
"""O(n k log k): a defaultdict keyed by the tuple of sorted letters."""

from collections import defaultdict


def group_anagrams(strs):
    groups = defaultdict(list)
    for w in strs:
        groups[tuple(sorted(w))].append(w)
    return list(groups.values())
