# expect: WA
"""A fixed-window counter: the count resets at every multiple of `period`, so two bursts on
either side of a reset get up to 2 * max_calls calls within one period."""


class RateLimiter:
    def __init__(self, max_calls, period, clock):
        self.max_calls = max_calls
        self.period = period
        self.clock = clock
        self.window = None
        self.count = 0

    def allow(self):
        window = self.clock() // self.period
        if window != self.window:
            self.window = window
            self.count = 0
        if self.count < self.max_calls:
            self.count += 1
            return True
        return False
