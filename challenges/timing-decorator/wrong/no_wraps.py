# Subtle: no functools.wraps, so the wrapper is called "wrapper" and has no __doc__ / __wrapped__.
import time


def timed(report, clock=time.perf_counter):
    def decorate(func):
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                report(func.__name__, clock() - start)

        return wrapper

    return decorate
