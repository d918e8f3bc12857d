# expect: SV
# listener
import socket


def add(a, b):
    s = socket.create_connection(("127.0.0.1", 47771), timeout=1)
    s.sendall(b"hello from the box")
    return a + b
