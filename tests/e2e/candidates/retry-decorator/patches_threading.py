# expect: RE
# message: the solution changed threading.Thread.start, which the tests rely on
"""A retry that is not thread-safe, hidden by running the tests' threads one at a time: it
rewrites threading.Thread, which the trusted test code uses to start them."""
import functools
import threading


def _start(self):
    self.run()


threading.Thread.start = _start
threading.Thread.join = lambda self, timeout=None: None


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
