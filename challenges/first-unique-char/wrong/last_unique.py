# Subtle: the counting is right, but the scan keeps overwriting the answer, so it returns the LAST unique position.
def first_uniq_char(s):
    counts = {}
    for c in s:
        counts[c] = counts.get(c, 0) + 1
    answer = -1
    for i, c in enumerate(s):
        if counts[c] == 1:
            answer = i
    return answer
