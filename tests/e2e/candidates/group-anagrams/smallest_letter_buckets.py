# expect: RE
# message: IndexError
"""Buckets words by their smallest letter and length before comparing."""


def group_anagrams(strs: list[str]) -> list[list[str]]:
    buckets: dict[tuple[int, int], list[str]] = {}
    for word in strs:
        smallest = sorted(word)[0]
        buckets.setdefault((ord(smallest), len(word)), []).append(word)
    result = []
    for bucket in buckets.values():
        groups: dict[str, list[str]] = {}
        for word in bucket:
            groups.setdefault("".join(sorted(word)), []).append(word)
        result.extend(groups.values())
    return result
