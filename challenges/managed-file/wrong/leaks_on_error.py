# Subtle: closes the file only when the body finished normally; after an exception the file stays open.
class ManagedFile:
    def __init__(self, path, mode="r"):
        self.path = path
        self.mode = mode
        self.file = None

    def __enter__(self):
        self.file = open(self.path, self.mode)
        return self.file

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.file.close()
        return False
