# expect: WA
# message: self-referencing list
def add(a, b):
    box = [a + b]
    box.append(box)
    return box
