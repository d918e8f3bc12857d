# growth: like-reference
"""O(1): a circular doubly linked list of [prev, next, key, value] lists, root sentinel."""

PREV, NEXT, KEY, VALUE = 0, 1, 2, 3


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.map = {}
        self.root = root = []
        root[:] = [root, root, None, None]

    def _move_to_back(self, link):
        link_prev, link_next = link[PREV], link[NEXT]
        link_prev[NEXT] = link_next
        link_next[PREV] = link_prev
        last = self.root[PREV]
        last[NEXT] = self.root[PREV] = link
        link[PREV] = last
        link[NEXT] = self.root

    def get(self, key):
        link = self.map.get(key)
        if link is None:
            return -1
        self._move_to_back(link)
        return link[VALUE]

    def put(self, key, value):
        link = self.map.get(key)
        if link is not None:
            link[VALUE] = value
            self._move_to_back(link)
            return
        root = self.root
        last = root[PREV]
        link = [last, root, key, value]
        last[NEXT] = root[PREV] = self.map[key] = link
        if len(self.map) > self.capacity:
            oldest = root[NEXT]
            root[NEXT] = oldest[NEXT]
            oldest[NEXT][PREV] = root
            del self.map[oldest[KEY]]
