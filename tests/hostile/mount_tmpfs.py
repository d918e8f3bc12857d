# expect: SV
import ctypes

libc = ctypes.CDLL(None, use_errno=True)


def add(a, b):
    if libc.mount(b"none", b".", b"tmpfs", 0, None) != 0:
        raise OSError(ctypes.get_errno(), "mount failed")
    return a + b
