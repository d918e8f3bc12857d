# growth: worse
"""O(capacity) per eviction: a use stamp per key, the victim found by min over the stamps."""


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.stamp = {}
        self.clock = 0

    def get(self, key):
        if key not in self.values:
            return -1
        self.clock += 1
        self.stamp[key] = self.clock
        return self.values[key]

    def put(self, key, value):
        if key not in self.values and len(self.values) >= self.capacity:
            victim = min(self.stamp, key=self.stamp.get)
            del self.values[victim]
            del self.stamp[victim]
        self.clock += 1
        self.values[key] = value
        self.stamp[key] = self.clock
