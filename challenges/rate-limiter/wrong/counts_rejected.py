# Subtle: records every attempt, rejected ones too, so a client that keeps retrying is locked out for good.
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
            while history and history[0] <= now - period:
                history.popleft()
            history.append(now)
            if len(history) > calls:
                raise RateLimitExceeded()
            return func(*args, **kwargs)

        return wrapper

    return decorate
