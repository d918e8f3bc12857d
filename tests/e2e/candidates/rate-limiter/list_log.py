# expect: AC
"""A plain list, rebuilt on each call with only the times still inside (now - period, now]."""


class RateLimiter:
    def __init__(self, max_calls, period, clock):
        self.max_calls = max_calls
        self.period = period
        self.clock = clock
        self.allowed = []

    def allow(self):
        now = self.clock()
        cutoff = now - self.period
        self.allowed = [t for t in self.allowed if t > cutoff]
        if len(self.allowed) < self.max_calls:
            self.allowed.append(now)
            return True
        return False
