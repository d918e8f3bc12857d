# expect: TLE
# CPU burnt on many threads at once is the box's CPU time (small stacks: all 64 start well
# within the memory limit, whatever the time limit).
import threading


def spin():
    while True:
        pass


def add(a, b):
    threading.stack_size(256 << 10)
    for _ in range(64):
        threading.Thread(target=spin, daemon=True).start()
    spin()
