# growth: like-reference
"""Amortised O(1): a deque of (key, stamp) uses; stale entries skipped at eviction time.

The deque is compacted when it grows past four times the capacity, so it stays O(capacity).
"""

from collections import deque


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.stamp = {}
        self.uses = deque()
        self.clock = 0

    def _touch(self, key):
        self.clock += 1
        self.stamp[key] = self.clock
        self.uses.append((key, self.clock))
        if len(self.uses) > 4 * self.capacity + 16:
            self.uses = deque((k, t) for k, t in self.uses if self.stamp.get(k) == t)

    def get(self, key):
        if key not in self.values:
            return -1
        self._touch(key)
        return self.values[key]

    def put(self, key, value):
        self.values[key] = value
        self._touch(key)
        while len(self.values) > self.capacity:
            k, t = self.uses.popleft()
            if self.stamp.get(k) == t:
                del self.values[k]
                del self.stamp[k]
