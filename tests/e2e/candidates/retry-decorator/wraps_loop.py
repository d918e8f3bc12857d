# expect: AC
"""functools.wraps around a loop that remembers the last exception and re-raises it."""
import functools


def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            error = None
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except Exception as e:
                    error = e
            raise error

        return wrapper

    return decorate
