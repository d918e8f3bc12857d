# expect: AC
import threading
import time


def add(a, b):
    threading.Thread(target=time.sleep, args=(10**6,)).start()  # not a daemon
    return a + b
