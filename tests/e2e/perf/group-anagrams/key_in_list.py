# growth: worse
"""O(n·g): `in` on a list of keys, then list.index: two C scans per word."""


def group_anagrams(strs):
    keys = []
    groups = []
    for w in strs:
        key = tuple(sorted(w))
        if key in keys:
            groups[keys.index(key)].append(w)
        else:
            keys.append(key)
            groups.append([w])
    return groups
