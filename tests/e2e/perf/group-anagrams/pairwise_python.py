# growth: worse
"""O(n·g): each word compared in a Python loop with every group's sorted key."""


def group_anagrams(strs):
    groups = []  # [key, words]
    for w in strs:
        key = sorted(w)
        for g in groups:
            if g[0] == key:
                g[1].append(w)
                break
        else:
            groups.append([key, [w]])
    return [words for _, words in groups]
