# expect: WA
class FakeList(list):
    def __iter__(self):
        return iter([3])

    def __len__(self):
        return 1


def add(a, b):
    return FakeList()
