import functools
import time
from typing import Callable


def ttl_cache(ttl: float, clock: Callable[[], float] = time.monotonic):
    """Decorator factory: memoise the decorated function like `functools.lru_cache`, but
    each cached result expires `ttl` seconds after it was computed.

    Read the time only through `clock`, when the wrapper is called.
    """

    def decorator(func: Callable) -> Callable:
        """Return a wrapper around `func` with its own cache and a `cache_clear()` method."""
        pass  # your code here

    return decorator
