# expect: SV
# canary: execv
import os


def add(a, b):
    os.execv("/usr/bin/touch", ["touch", "/tmp/pyjudge-canary-execv"])
