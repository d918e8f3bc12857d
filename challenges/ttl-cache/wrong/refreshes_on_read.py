# Subtle: every cache hit resets the entry's time, so an entry read often never expires (ttl counted from the last read, not from the computation).
import functools
import time


def ttl_cache(ttl, clock=time.monotonic):
    def decorate(func):
        cache = {}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = clock()
            if key in cache and now - cache[key][1] < ttl:
                value = cache[key][0]
            else:
                value = func(*args, **kwargs)
            cache[key] = (value, now)
            return value

        wrapper.cache_clear = cache.clear
        return wrapper

    return decorate
