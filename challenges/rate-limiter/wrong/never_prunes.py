# Correct answers, but keeps every call time forever and scans them all on each call: O(n) per call, far too slow for a long stream.
import functools
import time


class RateLimitExceeded(Exception):
    pass


def rate_limit(calls, period, clock=time.monotonic):
    def decorate(func):
        history = []

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            recent = sum(1 for t in history if t > now - period)
            if recent >= calls:
                raise RateLimitExceeded()
            history.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate
