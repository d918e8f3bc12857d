# Correct but O(n^2): each pass deletes only the innermost pairs, so deep nesting takes n/2 passes over the string.
def is_valid(s):
    while "()" in s or "[]" in s or "{}" in s:
        s = s.replace("()", "").replace("[]", "").replace("{}", "")
    return s == ""
