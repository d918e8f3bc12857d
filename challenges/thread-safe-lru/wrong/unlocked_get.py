# Race: put takes the lock but get does not ("reads are safe"), yet get moves the key: an eviction in between breaks it.
import threading
from collections import OrderedDict


class ThreadSafeLRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        if key not in self._items:
            return -1
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key, value):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            self._items[key] = value
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
