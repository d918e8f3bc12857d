# No try/finally: when the function raises, the report line is never reached.
import functools
import time


def timed(report, clock=time.perf_counter):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            result = func(*args, **kwargs)
            report(func.__name__, clock() - start)
            return result

        return wrapper

    return decorate
