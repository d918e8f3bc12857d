# Bug: opens the file in binary mode and returns bytes, not text.
def read_file(path, default=None):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return default
