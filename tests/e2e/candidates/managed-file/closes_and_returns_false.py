# expect: AC
"""The plain protocol: open in __enter__, close in __exit__ and return False (never suppress)."""


class ManagedFile:
    def __init__(self, path, mode):
        self._path = path
        self._mode = mode
        self._file = None

    def __enter__(self):
        self._file = open(self._path, self._mode)
        return self._file

    def __exit__(self, exc_type, exc_value, traceback):
        self._file.close()
        return False
