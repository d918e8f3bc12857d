# expect: TLE
import threading


def spin():
    while True:
        pass


def add(a, b):
    for _ in range(64):
        threading.Thread(target=spin, daemon=True).start()
    spin()
