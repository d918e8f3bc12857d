# expect: WA
"""A sliding window that keeps a call exactly `period` old: it expires calls only when
strictly older than now - period, one tick too late."""
from collections import deque


class RateLimiter:
    def __init__(self, max_calls, period, clock):
        self.max_calls = max_calls
        self.period = period
        self.clock = clock
        self.calls = deque()

    def allow(self):
        now = self.clock()
        while self.calls and self.calls[0] < now - self.period:
            self.calls.popleft()
        if len(self.calls) < self.max_calls:
            self.calls.append(now)
            return True
        return False
