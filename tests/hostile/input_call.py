# expect: RE
# message: EOFError
def add(a, b):
    return int(input("a number please: "))
