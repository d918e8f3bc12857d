# expect: RE
# message: RecursionError
def add(a, b):
    return add(a, b)
