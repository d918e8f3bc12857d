# expect: WA
"""Folds case first, so `Go` and `go` count as one word."""


def distinct(words):
    return list({w.lower() for w in words})
