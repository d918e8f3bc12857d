# expect: CE
# message: SyntaxError
"""A missing colon after the function header."""


def group_anagrams(strs: list[str]) -> list[list[str]]
    groups = {}
    for word in strs:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
