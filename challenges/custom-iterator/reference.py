class Range:
    """A lazy arithmetic progression, like the built-in range."""

    def __init__(self, start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        if step == 0:
            raise ValueError("Range() step must not be zero")
        self.start = start
        self.stop = stop
        self.step = step

    def __len__(self):
        if self.step > 0:
            count = (self.stop - self.start + self.step - 1) // self.step
        else:
            count = (self.start - self.stop - self.step - 1) // -self.step
        return max(0, count)

    def __iter__(self):
        return RangeIterator(self.start, self.stop, self.step)


class RangeIterator:
    """One pass over a Range: every call of Range.__iter__ makes a new one."""

    def __init__(self, current, stop, step):
        self.current = current
        self.stop = stop
        self.step = step

    def __iter__(self):
        return self

    def __next__(self):
        if self.step > 0 and self.current >= self.stop:
            raise StopIteration
        if self.step < 0 and self.current <= self.stop:
            raise StopIteration
        value = self.current
        self.current += self.step
        return value
