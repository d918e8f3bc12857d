# expect: RE
# message: OSError
def add(a, b):
    files = []
    while True:
        files.append(open("/dev/null"))
