# Bug: get does not mark the key as used, so eviction follows insertion order (FIFO), not recency.
import threading
from collections import OrderedDict


class ThreadSafeLRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            return self._items.get(key, -1)

    def put(self, key, value):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            self._items[key] = value
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
