# expect: SV
import ctypes

libc = ctypes.CDLL(None, use_errno=True)


def add(a, b):
    params = ctypes.create_string_buffer(120)
    if libc.syscall(425, 4, params) < 0:  # io_uring_setup
        raise OSError(ctypes.get_errno(), "io_uring_setup failed")
    return a + b
