# expect: RE
# message: AttributeError
class Bag:
    def add(self, x):
        pass
