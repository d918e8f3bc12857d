# expect: RE
# message: SIGABRT
import os


def add(a, b):
    os.abort()
