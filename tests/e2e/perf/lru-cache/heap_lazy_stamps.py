# growth: like-reference
"""O(log n) per use: a heap of (stamp, key) with lazy deletion of stale entries."""

import heapq


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.stamp = {}
        self.heap = []
        self.clock = 0

    def _touch(self, key):
        self.clock += 1
        self.stamp[key] = self.clock
        heapq.heappush(self.heap, (self.clock, key))

    def get(self, key):
        if key not in self.values:
            return -1
        self._touch(key)
        return self.values[key]

    def put(self, key, value):
        self.values[key] = value
        self._touch(key)
        while len(self.values) > self.capacity:
            t, k = heapq.heappop(self.heap)
            if self.stamp.get(k) == t:
                del self.values[k]
                del self.stamp[k]
