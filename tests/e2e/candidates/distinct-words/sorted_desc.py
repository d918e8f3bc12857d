# expect: AC
"""Returns the distinct words sorted in reverse, an order unlike the expected one."""


def distinct(words):
    return sorted(set(words), reverse=True)
