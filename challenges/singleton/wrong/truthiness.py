# Bug: tests the instance for truth, so an instance that is falsy (empty, __bool__ False) is built again on every call.
import threading


def singleton(cls):
    lock = threading.Lock()
    instances = {}

    def get_instance(*args, **kwargs):
        if not instances.get(cls):
            with lock:
                if not instances.get(cls):
                    instances[cls] = cls(*args, **kwargs)
        return instances[cls]

    return get_instance
