# Bug: one module-level instance shared by every decorated class (the second class gets the first's object).
import threading

_lock = threading.Lock()
_instance = None


def singleton(cls):
    def get_instance(*args, **kwargs):
        global _instance
        with _lock:
            if _instance is None:
                _instance = cls(*args, **kwargs)
        return _instance

    return get_instance
