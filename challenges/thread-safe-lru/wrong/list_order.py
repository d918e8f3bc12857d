# Correct but O(capacity) per operation: a list holds the recency order, and list.remove scans it.
import threading


class ThreadSafeLRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self._values = {}
        self._order = []
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key not in self._values:
                return -1
            self._order.remove(key)
            self._order.append(key)
            return self._values[key]

    def put(self, key, value):
        with self._lock:
            if key in self._values:
                self._order.remove(key)
            elif len(self._values) == self.capacity:
                del self._values[self._order.pop(0)]
            self._values[key] = value
            self._order.append(key)
