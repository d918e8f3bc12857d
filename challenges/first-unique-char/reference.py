"""Reference solution for first-unique-char."""

from collections import Counter


def first_uniq_char(s: str) -> int:
    """Return the position of the first character that occurs once in ``s``, or -1.

    Count every character once, then scan for the first with a count of 1:
    O(n) time, O(1) extra space (at most 26 counts).
    """
    counts = Counter(s)
    for i, c in enumerate(s):
        if counts[c] == 1:
            return i
    return -1
