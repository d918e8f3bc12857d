# growth: like-reference
"""O(26 n k) in C: the key is str.count of each of the 26 letters."""

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def group_anagrams(strs):
    groups = {}
    for w in strs:
        key = tuple([w.count(c) for c in LETTERS])
        groups.setdefault(key, []).append(w)
    return list(groups.values())
