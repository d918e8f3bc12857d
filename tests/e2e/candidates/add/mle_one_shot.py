# expect: MLE
# message: memory
def add(a, b):
    block = [0] * (10**9)
    return a + b + len(block)
