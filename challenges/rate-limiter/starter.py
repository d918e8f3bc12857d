import functools
import time
from typing import Callable


class RateLimitExceeded(Exception):
    """Raised instead of calling a rate-limited function that is over its limit."""


def rate_limit(calls: int, period: float, clock: Callable[[], float] = time.monotonic):
    """Decorator factory: let the decorated function run at most `calls` times in any
    sliding window of `period` seconds; a call over the limit raises RateLimitExceeded.

    Read the time only through `clock`, once per call.
    """

    def decorator(func: Callable) -> Callable:
        """Return a wrapper around `func` with its own history of allowed calls."""
        pass  # your code here

    return decorator
