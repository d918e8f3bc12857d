# expect: CE
# message: SyntaxError
def add(a, b):
    return "ÿþ"
