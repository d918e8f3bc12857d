# expect: MLE
# Leaves too little memory to encode and frame a 12 MB result: MLE, not a judge failure.
hoard = []


def add(a, b):
    answer = "x" * (12 << 20)
    try:
        while True:
            hoard.append(bytearray(1 << 20))
    except MemoryError:
        pass
    del hoard[:8]  # ~8 MB left: less than the encoded answer needs
    return answer
