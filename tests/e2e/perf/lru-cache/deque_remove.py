# growth: worse | inconclusive
"""O(capacity) per use: recency kept in a deque, refreshed with deque.remove (a C scan). The
scan runs at C speed, so over these sizes the relative exponent is about 0.5 and its interval
can reach below the 0.35 margin on a busy machine: inconclusive is honest, never like."""

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
