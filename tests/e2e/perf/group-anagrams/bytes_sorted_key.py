# growth: like-reference
"""O(n k log k): the key is the word's bytes, sorted, as a bytes object."""


def group_anagrams(strs):
    groups = {}
    for w in strs:
        key = bytes(sorted(w.encode()))
        if key in groups:
            groups[key].append(w)
        else:
            groups[key] = [w]
    return list(groups.values())
