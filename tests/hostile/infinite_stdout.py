# expect: OLE
def add(a, b):
    while True:
        print("y" * 4096)
