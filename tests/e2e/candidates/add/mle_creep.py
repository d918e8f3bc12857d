# expect: MLE
# message: memory
def add(a, b):
    hoard = []
    while True:
        hoard.append(bytearray(1 << 20))
