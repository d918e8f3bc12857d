# Subtle: uses None as "not cached", so a function that returns None is called again every time.
import functools
import time


def ttl_cache(ttl, clock=time.monotonic):
    def decorate(func):
        values, expiry = {}, {}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = clock()
            value = values.get(key)
            if value is None or now >= expiry[key]:
                value = func(*args, **kwargs)
                values[key], expiry[key] = value, now + ttl
            return value

        wrapper.cache_clear = lambda: (values.clear(), expiry.clear())
        return wrapper

    return decorate
