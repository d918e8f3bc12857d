# expect: WA
import sys


def answer(n):
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
            if isinstance(value, int) and value in (424242, 737373):
                return value
        frame = frame.f_back
    return -1
