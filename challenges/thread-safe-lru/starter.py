import threading
from collections.abc import Hashable


class ThreadSafeLRUCache:
    """LeetCode 146's LRU cache, shared by many threads: each `get` and `put` is atomic."""

    def __init__(self, capacity: int) -> None:
        """Make an empty cache with room for `capacity` entries."""
        pass  # your code here

    def get(self, key: Hashable) -> int:
        """Return the value stored under `key` and mark it most recently used, or -1 if absent."""
        pass  # your code here

    def put(self, key: Hashable, value: int) -> None:
        """Store `value` under `key` as the most recently used; if over capacity, evict the
        least recently used entry."""
        pass  # your code here
