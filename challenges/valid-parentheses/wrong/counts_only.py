# Subtle: counts each kind separately (never below zero, zero at the end), so crossed pairs like "([)]" pass.
def is_valid(s):
    depth = {"(": 0, "[": 0, "{": 0}
    opener = {")": "(", "]": "[", "}": "{"}
    for c in s:
        if c in depth:
            depth[c] += 1
        else:
            depth[opener[c]] -= 1
            if depth[opener[c]] < 0:
                return False
    return all(d == 0 for d in depth.values())
