# Fixed windows [k*period, (k+1)*period) instead of a sliding one: a burst just before and just after a boundary gets 2*calls through.
import functools
import time


class RateLimitExceeded(Exception):
    pass


def rate_limit(calls, period, clock=time.monotonic):
    def decorate(func):
        state = {"window": None, "count": 0}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            window = int(clock() // period)
            if window != state["window"]:
                state["window"], state["count"] = window, 0
            if state["count"] >= calls:
                raise RateLimitExceeded()
            state["count"] += 1
            return func(*args, **kwargs)

        return wrapper

    return decorate
