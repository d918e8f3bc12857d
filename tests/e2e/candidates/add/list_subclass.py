# expect: WA
# message: a subclass of list
class MyList(list):
    pass


def add(a, b):
    return MyList([a + b])
