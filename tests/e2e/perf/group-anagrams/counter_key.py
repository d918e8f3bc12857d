# growth: like-reference | inconclusive
"""O(n k): a Counter per word, keyed by the frozenset of its (letter, count) items."""

from collections import Counter


def group_anagrams(strs):
    groups = {}
    for w in strs:
        groups.setdefault(frozenset(Counter(w).items()), []).append(w)
    return list(groups.values())
