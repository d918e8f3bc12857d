# expect: WA
# message: a subclass of int
class Sneaky(int):
    def __eq__(self, other):
        return True


def add(a, b):
    return Sneaky(a + b)
