# growth: like-reference
"""O(n k log k): each word keyed by its letters sorted and joined (C sort, faster than counting)."""


def group_anagrams(strs):
    groups = {}
    for w in strs:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return list(groups.values())
