# expect: WA
def add(a, b):
    x = {}
    x["me"] = x
    return x
