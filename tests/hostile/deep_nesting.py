# expect: WA
# challenge: roomy
# message: deeper than 1000
def add(a, b):
    value = []
    for _ in range(2_000_000):
        value = [value]
    return value
