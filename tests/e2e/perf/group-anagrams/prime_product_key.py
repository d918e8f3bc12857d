# growth: like-reference
"""O(n k): the key is the product of one prime per letter (unique by factorisation)."""

PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
          83, 89, 97, 101]


def group_anagrams(strs):
    groups = {}
    for w in strs:
        key = 1
        for ch in w:
            key *= PRIMES[ord(ch) - 97]
        groups.setdefault(key, []).append(w)
    return list(groups.values())
