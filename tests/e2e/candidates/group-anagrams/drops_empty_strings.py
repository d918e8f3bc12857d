# expect: WA
"""Skips empty strings instead of grouping them."""


def group_anagrams(strs: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for word in strs:
        if not word:
            continue
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
