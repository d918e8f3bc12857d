# Keys the cache by the positional arguments only: calls that differ only in keyword arguments collide.
import functools
import time


def ttl_cache(ttl, clock=time.monotonic):
    def decorate(func):
        cache = {}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            if args in cache and now < cache[args][1]:
                return cache[args][0]
            value = func(*args, **kwargs)
            cache[args] = (value, now + ttl)
            return value

        wrapper.cache_clear = cache.clear
        return wrapper

    return decorate
