import functools
import time
from collections import deque


class RateLimitExceeded(Exception):
    """Raised instead of calling a rate-limited function that is over its limit."""


def rate_limit(calls, period, clock=time.monotonic):
    def decorate(func):
        history = deque()  # times of the allowed calls still in the window, oldest first

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while history and history[0] <= now - period:
                history.popleft()
            if len(history) >= calls:
                raise RateLimitExceeded(f"more than {calls} calls in {period} seconds")
            history.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate
