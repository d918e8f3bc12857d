# expect: MLE
def add(a, b):
    block = bytearray(10**10)
    return a + b + len(block)
