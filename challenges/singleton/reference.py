"""Reference solution for singleton."""

import functools
import threading


def singleton(cls):
    """Make every call of the decorated class return one shared instance.

    Double-checked locking: the fast path reads the instance without a lock; the first
    calls take this class's own lock and check again, so __init__ runs exactly once even
    when many threads make the first call together. A per-class lock (not one global lock)
    lets one singleton's __init__ create another singleton.
    """
    lock = threading.Lock()
    missing = object()
    instance = missing

    @functools.wraps(cls, updated=())
    def get_instance(*args, **kwargs):
        nonlocal instance
        if instance is missing:
            with lock:
                if instance is missing:
                    instance = cls(*args, **kwargs)
        return instance

    return get_instance
