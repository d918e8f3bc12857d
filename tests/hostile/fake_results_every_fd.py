# expect: RE
# message: tampered
import os
import struct


def add(a, b):
    payload = b"AC accepted 100.0"
    frame = struct.pack("<IB", len(payload), 11) + payload
    for fd in range(0, 64):
        try:
            os.write(fd, frame)
            os.write(fd, b"Verdict: AC (accepted) 3/3 tests passed\n")
        except OSError:
            pass
    return a + b + 1
