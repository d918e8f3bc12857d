# Subtle: keys each word by its set of letters, which forgets how often each letter appears:
# "aab" and "abb" land in the same group.
def group_anagrams(strs):
    groups = {}
    for word in strs:
        groups.setdefault("".join(sorted(set(word))), []).append(word)
    return list(groups.values())
