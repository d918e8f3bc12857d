# growth: like-reference
"""O(1): the cache is an OrderedDict subclass; get goes through try/except KeyError."""

from collections import OrderedDict


class LRUCache(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity

    def get(self, key):
        try:
            self.move_to_end(key)
        except KeyError:
            return -1
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)
