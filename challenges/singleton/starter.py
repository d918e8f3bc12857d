import threading
from typing import Callable


def singleton(cls: type) -> Callable:
    """Class decorator: every call `cls(...)` returns one and the same instance.

    The first call builds it as `cls(*args, **kwargs)` (its `__init__` runs once); later
    calls ignore their arguments. Each decorated class has its own instance. Thread-safe:
    threads racing on the first call still get a single instance. If `__init__` raises,
    nothing is stored and the next call tries again. One singleton's `__init__` may call
    another decorated class.
    """

    def get_instance(*args, **kwargs):
        """Return the class's one instance, building it with these arguments on the first call."""
        pass  # your code here

    return get_instance
