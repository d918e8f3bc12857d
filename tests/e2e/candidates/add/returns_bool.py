# expect: WA
# message: expected int 3, got bool True
def add(a, b):
    return True
