# expect: WA
# challenge: roomy
def add(a, b):
    return 10 ** (2 * 10**6)
