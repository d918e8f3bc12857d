# expect: OLE
# message: printed more than the output limit
def add(a, b):
    while True:
        print("spam" * 1000)
