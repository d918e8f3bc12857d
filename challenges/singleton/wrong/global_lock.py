# Deadlock: one global non-reentrant lock, so a singleton whose __init__ creates another singleton hangs.
import threading

_lock = threading.Lock()


def singleton(cls):
    instances = {}

    def get_instance(*args, **kwargs):
        if cls not in instances:
            with _lock:
                if cls not in instances:
                    instances[cls] = cls(*args, **kwargs)
        return instances[cls]

    return get_instance
