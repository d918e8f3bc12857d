# expect: WA
"""Keys by the set of letters, so "aab" and "abb" end up together."""


def group_anagrams(strs: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for word in strs:
        groups.setdefault("".join(sorted(set(word))), []).append(word)
    return list(groups.values())
