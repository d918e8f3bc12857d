# expect: AC
# needs: landlock
# AC only if the read failed: the box cannot see /etc/passwd.
def add(a, b):
    try:
        open("/etc/passwd").read()
        return -1
    except OSError:
        return a + b
