# expect: TLE
# message: CPU time
import time

time.process_time = lambda: 0.0
time.perf_counter = lambda: 0.0
time.time = lambda: 0.0


def add(a, b):
    while True:
        pass
