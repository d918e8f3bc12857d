# expect: RE
# message: NameError: name 'undefined_thing' is not defined at line 3 while loading
value = undefined_thing + 1


def add(a, b):
    return a + b
