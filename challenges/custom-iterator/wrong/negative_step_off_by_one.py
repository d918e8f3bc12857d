# Subtle: with a negative step the loop runs while current >= stop, so it yields stop itself (and len counts it too).
class Range:
    def __init__(self, start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        if step == 0:
            raise ValueError("Range() step must not be zero")
        self.start, self.stop, self.step = start, stop, step

    def __len__(self):
        if self.step > 0:
            return max(0, (self.stop - self.start + self.step - 1) // self.step)
        return max(0, (self.start - self.stop) // -self.step + 1)

    def __iter__(self):
        return RangeIterator(self.start, self.stop, self.step)


class RangeIterator:
    def __init__(self, current, stop, step):
        self.current, self.stop, self.step = current, stop, step

    def __iter__(self):
        return self

    def __next__(self):
        if self.step > 0 and self.current >= self.stop:
            raise StopIteration
        if self.step < 0 and self.current < self.stop:
            raise StopIteration
        value = self.current
        self.current += self.step
        return value
