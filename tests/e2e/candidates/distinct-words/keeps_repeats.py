# expect: WA
"""Returns every word, repeats included: `set` compare wants each word once."""


def distinct(words: list[str]) -> list[str]:
    return list(words)
