# expect: WA
"""Lets exceptions through, but closes the file only when the body finished normally."""


class ManagedFile:
    def __init__(self, path, mode):
        self.path = path
        self.mode = mode
        self.file = None

    def __enter__(self):
        self.file = open(self.path, self.mode)
        return self.file

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.file.close()
        return False
