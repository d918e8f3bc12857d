# expect: WA
"""Counts the retries from 1, so it makes times - 1 attempts (and none for times = 1)."""
import functools


def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            last = None
            for _ in range(1, times):
                try:
                    return func(*args, **kwargs)
                except Exception as e:
                    last = e
            raise last

        return wrapper

    return decorate
