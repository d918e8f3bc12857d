# expect: SV
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)


def add(a, b):
    if libc.ptrace(16, os.getppid(), 0, 0) != 0:  # PTRACE_ATTACH
        raise OSError(ctypes.get_errno(), "ptrace failed")
    return a + b
