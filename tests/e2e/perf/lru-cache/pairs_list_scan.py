# growth: worse
"""O(capacity) per call in Python: [key, value] pairs in recency order, searched linearly."""


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []

    def _find(self, key):
        for i, item in enumerate(self.items):
            if item[0] == key:
                return i
        return -1

    def get(self, key):
        i = self._find(key)
        if i < 0:
            return -1
        item = self.items.pop(i)
        self.items.append(item)
        return item[1]

    def put(self, key, value):
        i = self._find(key)
        if i >= 0:
            self.items.pop(i)
        elif len(self.items) >= self.capacity:
            self.items.pop(0)
        self.items.append([key, value])
