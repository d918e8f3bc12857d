# expect: WA
"""Collects each group in a set, so repeated words collapse into one."""


def group_anagrams(strs: list[str]) -> list[list[str]]:
    groups: dict[str, set[str]] = {}
    for word in strs:
        groups.setdefault("".join(sorted(word)), set()).add(word)
    return [list(group) for group in groups.values()]
