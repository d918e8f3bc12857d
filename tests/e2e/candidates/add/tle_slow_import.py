# expect: TLE
# message: while loading
while True:
    pass


def add(a, b):
    return a + b
