# Race: checks, then locks, but does not check again under the lock: a thread that waited builds a second instance.
import threading


def singleton(cls):
    lock = threading.Lock()
    instances = {}

    def get_instance(*args, **kwargs):
        if cls not in instances:
            with lock:
                instances[cls] = cls(*args, **kwargs)
        return instances[cls]

    return get_instance
