# expect: SV
# listener
import socket


def add(a, b):
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 47771))
    return a + b
