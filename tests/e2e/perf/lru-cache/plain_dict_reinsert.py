# growth: like-reference
"""A plain dict in recency order: pop and reinsert on use, evict next(iter(dict))."""


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.d = {}

    def get(self, key):
        if key not in self.d:
            return -1
        value = self.d.pop(key)
        self.d[key] = value
        return value

    def put(self, key, value):
        self.d.pop(key, None)
        self.d[key] = value
        if len(self.d) > self.capacity:
            del self.d[next(iter(self.d))]
