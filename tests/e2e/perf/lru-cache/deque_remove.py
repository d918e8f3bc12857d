# growth: worse
"""O(capacity) per use: recency kept in a deque, refreshed with deque.remove (a C scan)."""

from collections import deque


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.order = deque()

    def get(self, key):
        if key not in self.values:
            return -1
        self.order.remove(key)
        self.order.append(key)
        return self.values[key]

    def put(self, key, value):
        if key in self.values:
            self.order.remove(key)
        elif len(self.values) >= self.capacity:
            del self.values[self.order.popleft()]
        self.values[key] = value
        self.order.append(key)
