# expect: AC
# needs: landlock
# A symlink in the scratch folder does not open a way out.
import os


def add(a, b):
    link = f"passwd-{a}-{b}"
    os.symlink("/etc/passwd", link)
    try:
        open(link).read()
        return -1
    except OSError:
        return a + b
