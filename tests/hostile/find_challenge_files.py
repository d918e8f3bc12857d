# expect: AC
# needs: landlock
# AC only if no challenge.yaml (with its expected values) is readable anywhere.
import os


def add(a, b):
    for guess in ["/work/main/tests/fixtures/challenges/add/challenge.yaml",
                  "../challenge.yaml", "/tmp"]:
        try:
            if os.path.isdir(guess):
                os.listdir(guess)
                return -2
            open(guess).read()
            return -1
        except OSError:
            pass
    return a + b
