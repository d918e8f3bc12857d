# growth: like-reference
"""O(n k), about 2x the reference: letter counts in a dict per word, then a sorted items key."""


def group_anagrams(strs):
    groups = {}
    for w in strs:
        counts = {}
        for ch in w:
            counts[ch] = counts.get(ch, 0) + 1
        key = tuple(sorted(counts.items()))
        groups.setdefault(key, []).append(w)
    return list(groups.values())
