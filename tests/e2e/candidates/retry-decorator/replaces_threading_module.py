# expect: RE
# message: the solution changed sys.modules['threading'], which the tests rely on
"""The same by putting a module of its own where the test code's `import threading` finds
one."""
import functools
import sys
import types

fake = types.ModuleType("threading")


class _Thread:
    def __init__(self, target=None, args=(), kwargs=None):
        self._run = lambda: target(*args, **(kwargs or {}))

    def start(self):
        self._run()

    def join(self, timeout=None):
        pass


fake.Thread = _Thread
sys.modules["threading"] = fake


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
