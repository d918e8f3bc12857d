# expect: WA
"""Filters out empty strings as if they were not words."""


def distinct(words):
    return list({w for w in words if w})
