# expect: AC
# needs: landlock
# canary: write
def add(a, b):
    for path in ("/tmp/pyjudge-canary-write", "/var/tmp/pyjudge-canary-write"):
        try:
            open(path, "w").write("escaped")
            return -1
        except OSError:
            pass
    return a + b
