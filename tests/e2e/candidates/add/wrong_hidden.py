# expect: WA
# message: wrong answer
def add(a, b):
    return a + b if a > 0 else 0
