# expect: RE
# message: SIGSEGV
import ctypes


def add(a, b):
    ctypes.memset(0, 1, 1)
