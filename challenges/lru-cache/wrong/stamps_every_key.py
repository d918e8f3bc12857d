# Correct but slow: stamps each use in a dict that keeps every key ever seen, and each eviction
# scans all of them in Python for the stalest key still cached. With a small cache and 10^4
# distinct keys, nearly every put evicts at O(distinct keys): about 10^9 steps in all.
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.used = {}  # key -> time of its last use, for every key ever used
        self.clock = 0

    def get(self, key):
        if key not in self.values:
            return -1
        self.clock += 1
        self.used[key] = self.clock
        return self.values[key]

    def put(self, key, value):
        self.clock += 1
        self.used[key] = self.clock
        if key not in self.values and len(self.values) >= self.capacity:
            victim = None
            for k, t in self.used.items():
                if k in self.values and (victim is None or t < self.used[victim]):
                    victim = k
            del self.values[victim]
        self.values[key] = value
