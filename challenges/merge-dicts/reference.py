"""Reference solution for merge-dicts."""

from typing import Any


def deep_merge(a: dict, b: dict) -> dict:
    """Merge ``b`` into a copy of ``a``, recursively, without touching either.

    A key in both whose values are both dicts is merged the same way; for any other key in
    both, b's value wins. Every dict of the result is new (dicts taken from one side only
    are copied too), so the result shares no dict with the inputs. Keys come in a's order,
    then b's new keys in b's order.
    """
    result: dict = {}
    for key, value in a.items():
        if key in b:
            other = b[key]
            if isinstance(value, dict) and isinstance(other, dict):
                result[key] = deep_merge(value, other)
            else:
                result[key] = _copy_dicts(other)
        else:
            result[key] = _copy_dicts(value)
    for key, other in b.items():
        if key not in a:
            result[key] = _copy_dicts(other)
    return result


def _copy_dicts(value: Any) -> Any:
    """``value`` with every dict along its chain of dicts copied; other values as they are."""
    if isinstance(value, dict):
        return {key: _copy_dicts(item) for key, item in value.items()}
    return value
