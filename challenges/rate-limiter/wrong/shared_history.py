# Subtle: a module-level history shared by every decorated function, so one busy function blocks all the others.
import functools
import time
from collections import deque


class RateLimitExceeded(Exception):
    pass


_history = deque()


def rate_limit(calls, period, clock=time.monotonic):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while _history and _history[0] <= now - period:
                _history.popleft()
            if len(_history) >= calls:
                raise RateLimitExceeded()
            _history.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate
