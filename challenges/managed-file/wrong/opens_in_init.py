# Opens the file in __init__: creating the manager already opens (and creates) the file, and a second `with` gets a closed file.
class ManagedFile:
    def __init__(self, path, mode="r"):
        self.file = open(path, mode)

    def __enter__(self):
        return self.file

    def __exit__(self, exc_type, exc_value, traceback):
        self.file.close()
        return False
