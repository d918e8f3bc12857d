# expect: RE
# message: IndexError
"""Keeps values in a preallocated table that is one slot too short."""

from collections import OrderedDict

MAX_KEY = 10_000


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.values = [-1] * MAX_KEY
        self.order = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.order:
            return -1
        self.order.move_to_end(key)
        return self.values[key]

    def put(self, key: int, value: int) -> None:
        self.values[key] = value
        self.order[key] = None
        self.order.move_to_end(key)
        if len(self.order) > self.capacity:
            self.order.popitem(last=False)
