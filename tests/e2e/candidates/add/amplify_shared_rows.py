# expect: OLE
# message: over the output limit
# ~40 KB in the child, 5 million values on the wire: refused before it reaches the judge.
def add(a, b):
    row = [None] * 1000
    return [row] * 5000          # ~5 MB on the wire, ~40 KB in the child
