# expect: WA
"""Retries correctly but does not use functools.wraps: __name__ becomes 'wrapper'."""


def retry(times):
    def decorate(func):
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    if attempt == times - 1:
                        raise

        return wrapper

    return decorate
