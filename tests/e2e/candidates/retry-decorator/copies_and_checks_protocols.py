# expect: AC
"""Honest code that makes CPython write into library classes: copy caches __slotnames__ on
threading.Event, a typing protocol check creates SupportsIndex.__annotations__. Data, not
behaviour: the library guard must not take it for a change to the library."""
import copy
import functools
import threading
import typing


def retry(times):
    if not isinstance(times, typing.SupportsIndex):
        raise TypeError("times must be an integer")
    copy.copy(threading.Event())

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
