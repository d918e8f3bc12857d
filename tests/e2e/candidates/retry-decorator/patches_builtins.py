# expect: AC
"""Correct, but replaces builtins the test code could use: the test code keeps the originals."""
import builtins
import functools

builtins.sum = lambda *a, **k: -1


def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    if attempt == times - 1:
                        raise

        return wrapper

    return decorate
