# expect: TLE
import signal

for sig in (signal.SIGTERM, signal.SIGXCPU, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)


def add(a, b):
    while True:
        pass
