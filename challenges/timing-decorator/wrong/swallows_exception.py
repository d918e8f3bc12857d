# Catches the exception to report it, then forgets to re-raise: the call returns None instead.
import functools
import time


def timed(report, clock=time.perf_counter):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                result = func(*args, **kwargs)
            except Exception:
                report(func.__name__, clock() - start)
                return None
            report(func.__name__, clock() - start)
            return result

        return wrapper

    return decorate
