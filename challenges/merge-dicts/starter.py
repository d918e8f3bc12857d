def deep_merge(a: dict, b: dict) -> dict:
    """Return a new dict that merges `b` into `a` at every level, changing neither.

    A key in both whose values are both dicts is merged the same way; otherwise `b`'s
    value wins. Every dict of the result must be a new object.
    """
    pass  # your code here
