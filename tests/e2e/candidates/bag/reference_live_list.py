# expect: AC
class Bag:
    def __init__(self):
        self.data = []

    def add(self, x):
        self.data.append(x)

    def items(self):
        return self.data  # the live list, on purpose
