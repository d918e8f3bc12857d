# growth: like-reference | inconclusive
"""O(n log n) over words: sort the words by their sorted-letter key, then itertools.groupby."""

from itertools import groupby


def _key(w):
    return "".join(sorted(w))


def group_anagrams(strs):
    ordered = sorted(strs, key=_key)
    return [list(g) for _, g in groupby(ordered, key=_key)]
