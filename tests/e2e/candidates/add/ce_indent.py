# expect: CE
# message: IndentationError
def add(a, b):
return a + b
