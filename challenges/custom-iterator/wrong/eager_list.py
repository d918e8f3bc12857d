# Builds the whole list of values in __init__: right for small ranges, but a range of 10^12 numbers never finishes.
class Range:
    def __init__(self, start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        if step == 0:
            raise ValueError("Range() step must not be zero")
        self.values = []
        current = start
        while (step > 0 and current < stop) or (step < 0 and current > stop):
            self.values.append(current)
            current += step

    def __len__(self):
        return len(self.values)

    def __iter__(self):
        return iter(self.values)
