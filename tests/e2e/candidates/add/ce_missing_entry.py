# expect: CE
# message: your file defines: plus
def plus(a, b):
    return a + b
