# expect: AC
"""A deque of the allowed calls' times; expired ones (at or before now - period) leave from
the left before each decision."""
import collections


class RateLimiter:
    def __init__(self, max_calls, period, clock):
        self._max = max_calls
        self._period = period
        self._clock = clock
        self._log = collections.deque()

    def allow(self):
        now = self._clock()
        log = self._log
        while log and now - log[0] >= self._period:
            log.popleft()
        if len(log) >= self._max:
            return False
        log.append(now)
        return True
