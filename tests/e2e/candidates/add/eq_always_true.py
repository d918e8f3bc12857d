# expect: WA
# message: Liar
class Liar:
    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


def add(a, b):
    return Liar()
