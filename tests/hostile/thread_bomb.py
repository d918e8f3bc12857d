# expect: RE MLE TLE
import threading
import time


def add(a, b):
    while True:
        threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
