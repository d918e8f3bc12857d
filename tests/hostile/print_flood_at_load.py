# expect: OLE
# message: printed more than the output limit while loading your file
# Floods stdout from top-level code, catches the judge's OutputLimitExceeded and goes on to
# define a correct solution: still OLE, as in a test.
try:
    while True:
        print("y" * 10000)
except BaseException:
    pass


def add(a, b):
    return a + b
