# expect: OLE
def add(a, b):
    try:
        while True:
            print("spam" * 1000)
    except BaseException:
        pass
    return a + b
