"""My solution to valid-parentheses: a stack of openers."""

_OPENER = {")": "(", "]": "[", "}": "{"}


def is_valid(s: str) -> bool:
    """Return whether every bracket in ``s`` is closed by its own kind, in the right order.

    A stack of the brackets still open: O(n) time, O(n) space, no recursion.
    """
    stack: list[str] = []
    for c in s:
        opener = _OPENER.get(c)
        if opener is None:
            stack.append(c)
        elif not stack or stack.pop() != opener:
            return False
    return not stack
