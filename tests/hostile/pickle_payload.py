# expect: WA
# canary: pickle
# A malicious pickle is just bytes to the judge: it is compared, never unpickled.
def add(a, b):
    return b"cos\nsystem\n(S'touch /tmp/pyjudge-canary-pickle'\ntR."
