# expect: RE
# message: EOFError: EOF when reading a line at line 4 in add (stdin is empty: the input comes as the arguments of the call)
def add(a, b):
    return int(input()) + a + b
