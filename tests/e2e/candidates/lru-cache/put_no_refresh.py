# expect: WA
"""Updating an existing key changes its value but not its recency."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data = {}

    def get(self, key: int) -> int:
        if key not in self.data:
            return -1
        self.data[key] = self.data.pop(key)
        return self.data[key]

    def put(self, key: int, value: int) -> None:
        self.data[key] = value
        if len(self.data) > self.capacity:
            del self.data[next(iter(self.data))]
