# expect: RE
# message: ZeroDivisionError: integer division or modulo by zero at line 8 in helper
def add(a, b):
    return helper(a) + b


def helper(a):
    return a // 0
