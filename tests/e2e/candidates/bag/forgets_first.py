# expect: WA
# message: op 4 `items()`: expected 2 items, got 1
class Bag:
    def __init__(self):
        self.last = None

    def add(self, x):
        self.last = x

    def items(self):
        return [] if self.last is None else [self.last]
