import random

_CLOSE = {"(": ")", "[": "]", "{": "}"}


def _random_valid(rng, n):
    """A random balanced string of n characters (n even): a random walk that never goes below 0."""
    out, stack = [], []
    for i in range(n):
        left = n - i
        if stack and (len(stack) == left or rng.random() < 0.5):
            out.append(_CLOSE[stack.pop()])
        else:
            c = rng.choice("([{")
            stack.append(c)
            out.append(c)
    return "".join(out)


def _nested(rng, n):
    """n/2 random openers, then their closers in reverse: nesting n/2 deep."""
    openers = [rng.choice("([{") for _ in range(n // 2)]
    return "".join(openers) + "".join(_CLOSE[c] for c in reversed(openers))


def generate(seed, n, shape="random"):
    """A string of n brackets (n even for the valid shapes).

    random          a random valid string (the performance inputs): answer true.
    nested          n/2 openers, then their closers: valid, nesting n/2 deep.
    nested-swap     nested, but the two closers at the middle are of other kinds
                    (`...([])...` becomes `...([)]...`): counts balance, answer false.
    leftover        one opener that is never closed, then a random valid string of
                    n - 2 characters (n - 1 in all): answer false.
    early-closer    a random valid string whose last character is moved to the front:
                    counts balance, but it starts with a closer: answer false.
    """
    rng = random.Random(seed)
    if shape == "random":
        return [_random_valid(rng, n)]
    if shape == "nested":
        return [_nested(rng, n)]
    if shape == "nested-swap":
        half = n // 2
        openers = [rng.choice("([{") for _ in range(half)]
        openers[half - 2], openers[half - 1] = "(", "["
        closers = [_CLOSE[c] for c in reversed(openers)]
        closers[0], closers[1] = ")", "]"   # `([` closed as `)]`: crossed
        return ["".join(openers) + "".join(closers)]
    if shape == "leftover":
        return [rng.choice("([{") + _random_valid(rng, n - 2)]
    if shape == "early-closer":
        s = _random_valid(rng, n)
        return [s[-1] + s[:-1]]
    raise ValueError(f"unknown shape {shape!r}")
