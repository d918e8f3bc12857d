# Correct but O(n^2 * k log k): compares each word with every earlier group by sorting both
# words again for every comparison.
def group_anagrams(strs):
    groups = []
    for word in strs:
        for group in groups:
            if sorted(word) == sorted(group[0]):
                group.append(word)
                break
        else:
            groups.append([word])
    return groups
