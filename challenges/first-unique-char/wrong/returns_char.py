# Returns the first unique character itself instead of its position (and "" instead of -1).
from collections import Counter


def first_uniq_char(s):
    counts = Counter(s)
    for c in s:
        if counts[c] == 1:
            return c
    return ""
