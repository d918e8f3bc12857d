"""Reference solution for group-anagrams."""

from collections import defaultdict


def group_anagrams(strs: list[str]) -> list[list[str]]:
    """Group the words that are anagrams of one another.

    Each word is keyed by its 26 letter counts, so the work is O(n * k) for
    n words of length at most k.
    """
    groups: defaultdict[tuple[int, ...], list[str]] = defaultdict(list)
    for word in strs:
        counts = [0] * 26
        for ch in word:
            counts[ord(ch) - ord("a")] += 1
        groups[tuple(counts)].append(word)
    return list(groups.values())
