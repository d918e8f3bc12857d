# expect: WA
"""Re-raises the first attempt's exception, not the last one's."""
import functools


def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            first = None
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except Exception as e:
                    first = first or e
            raise first

        return wrapper

    return decorate
