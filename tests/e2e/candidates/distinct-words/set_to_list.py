# expect: AC
"""list(set(words)): the order is arbitrary, which compare: set allows."""


def distinct(words: list[str]) -> list[str]:
    return list(set(words))
