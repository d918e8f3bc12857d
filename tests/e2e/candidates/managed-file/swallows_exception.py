# expect: WA
"""Closes the file every time, but returns True from __exit__: exceptions in the body vanish."""


class ManagedFile:
    def __init__(self, path, mode):
        self.path = path
        self.mode = mode
        self.file = None

    def __enter__(self):
        self.file = open(self.path, self.mode)
        return self.file

    def __exit__(self, exc_type, exc, tb):
        self.file.close()
        return True
