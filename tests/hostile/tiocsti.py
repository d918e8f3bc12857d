# expect: SV
import fcntl
import termios


def add(a, b):
    fcntl.ioctl(0, termios.TIOCSTI, b"x")
    return a + b
