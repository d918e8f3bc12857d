import functools
import time
from typing import Callable


def timed(report: Callable[[str, float], None], clock: Callable[[], float] = time.perf_counter):
    """Decorator factory: `@timed(report)` times every call of the function it wraps.

    After each call (also one that raises) the wrapper calls `report(name, elapsed)`.
    Read the time only through `clock`.
    """

    def decorator(func: Callable) -> Callable:
        """Return a wrapper around `func` that looks like it (as `functools.wraps` makes)."""
        pass  # your code here

    return decorator
