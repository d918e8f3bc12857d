# growth: like-reference
"""O(1): an OrderedDict, refreshed by pop and reinsert instead of move_to_end."""

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.od = OrderedDict()

    def get(self, key):
        if key not in self.od:
            return -1
        value = self.od.pop(key)
        self.od[key] = value
        return value

    def put(self, key, value):
        if key in self.od:
            self.od.pop(key)
        elif len(self.od) >= self.capacity:
            self.od.popitem(last=False)
        self.od[key] = value
