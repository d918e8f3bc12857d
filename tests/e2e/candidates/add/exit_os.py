# expect: RE
# message: exited with status 0 before returning a result
import os


def add(a, b):
    os._exit(0)
