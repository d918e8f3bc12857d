# Stores the time of each entry but never compares it with the clock: entries never expire.
import functools
import time


def ttl_cache(ttl, clock=time.monotonic):
    def decorate(func):
        cache = {}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            if key not in cache:
                cache[key] = (func(*args, **kwargs), clock())
            return cache[key][0]

        wrapper.cache_clear = cache.clear
        return wrapper

    return decorate
