# growth: worse
"""O(n·g): the distinct keys in a list, found with list.index (a C scan), g groups."""


def group_anagrams(strs):
    keys = []
    groups = []
    for w in strs:
        key = "".join(sorted(w))
        try:
            groups[keys.index(key)].append(w)
        except ValueError:
            keys.append(key)
            groups.append([w])
    return groups
