# expect: AC
# needs: landlock
# The harness's own memory through /proc is out of reach too.
def add(a, b):
    try:
        with open("/proc/self/mem", "r+b") as f:
            f.seek(0x400000)
            f.write(b"\xcc")
        return -1
    except OSError:
        return a + b
