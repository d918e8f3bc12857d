# expect: WA
"""Returns None after the last failed attempt instead of re-raising."""
import functools


def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    pass
            return None

        return wrapper

    return decorate
