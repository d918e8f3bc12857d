# Subtle: expires a call only when strictly older than now - period, so a call exactly one period later is refused.
import functools
import time
from collections import deque


class RateLimitExceeded(Exception):
    pass


def rate_limit(calls, period, clock=time.monotonic):
    def decorate(func):
        history = deque()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while history and history[0] < now - period:
                history.popleft()
            if len(history) >= calls:
                raise RateLimitExceeded()
            history.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate
