# expect: AC
"""A class-based decorator; functools.update_wrapper copies the metadata onto a closure."""
import functools


class retry:
    def __init__(self, times):
        self.times = times

    def __call__(self, func):
        times = self.times

        def wrapper(*args, **kwargs):
            for left in range(times - 1, -1, -1):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    if left == 0:
                        raise

        return functools.update_wrapper(wrapper, func)
