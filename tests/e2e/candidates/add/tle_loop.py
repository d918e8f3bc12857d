# expect: TLE
# message: CPU time
def add(a, b):
    while True:
        pass
