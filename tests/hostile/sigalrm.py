# expect: RE
# message: SIGALRM
import signal
import time


def add(a, b):
    signal.alarm(1)
    time.sleep(5)
    return a + b
