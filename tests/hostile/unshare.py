# expect: SV
import ctypes

libc = ctypes.CDLL(None, use_errno=True)


def add(a, b):
    if libc.unshare(0x10000000) != 0:  # CLONE_NEWUSER
        raise OSError(ctypes.get_errno(), "unshare failed")
    return a + b
