"""Reference solution for lru-cache."""

from collections import OrderedDict


class LRUCache:
    """Fixed-capacity key-value cache that evicts the least recently used key.

    An OrderedDict keeps keys from least to most recently used, so every
    operation is O(1).
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        """Return the value stored for ``key`` and mark it as used, or -1."""
        if key not in self._items:
            return -1
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key: int, value: int) -> None:
        """Store ``value`` under ``key``, evicting the stalest key when full."""
        if key in self._items:
            self._items.move_to_end(key)
        self._items[key] = value
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)
