"""Reference solution for thread-safe-lru."""

import threading
from collections import OrderedDict


class ThreadSafeLRUCache:
    """LeetCode 146's LRU cache, safe to share between threads.

    An OrderedDict keeps keys from least to most recently used (O(1) per operation); one
    lock makes each get and put atomic, since each is several dict steps (look up, move,
    insert, evict) that another thread must not see half done.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """Return the value stored for ``key`` and mark it as used, or -1."""
        with self._lock:
            if key not in self._items:
                return -1
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key, value) -> None:
        """Store ``value`` under ``key``, evicting the stalest key when over capacity."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            self._items[key] = value
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
