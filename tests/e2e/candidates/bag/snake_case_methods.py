# expect: AC
class Bag:
    def __init__(self):
        self._items = []

    def add(self, x):
        self._items = self._items + [x]

    def items(self):
        return list(self._items)
