# expect: WA
# message: expected int 3, got float 3.0
def add(a, b):
    return float(a + b)
