# Correct but O(n^2): s.count scans the whole string for every position; slow when the unique letter is last.
def first_uniq_char(s):
    for i, c in enumerate(s):
        if s.count(c) == 1:
            return i
    return -1
