import functools
import time


def timed(report, clock=time.perf_counter):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                report(func.__name__, clock() - start)

        return wrapper

    return decorate
