import functools
import time


def ttl_cache(ttl, clock=time.monotonic):
    def decorate(func):
        cache = {}  # key -> (value, time at which the entry expires)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = clock()
            entry = cache.get(key)
            if entry is not None and now < entry[1]:
                return entry[0]
            value = func(*args, **kwargs)
            cache[key] = (value, now + ttl)
            return value

        wrapper.cache_clear = cache.clear
        return wrapper

    return decorate
