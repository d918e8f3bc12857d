# expect: WA
"""Never looks at the last word of the list. Only the `basics` group fails (`one word`
gives []), so it still earns the 7 points of `edge cases`: 7 of 10."""


def distinct(words):
    return list(set(words[:-1]))
