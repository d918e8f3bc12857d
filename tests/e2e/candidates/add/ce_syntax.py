# expect: CE
# message: (line 3, column
def add(a, b)
    return a + b
