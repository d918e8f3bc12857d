# Bug: `or default` treats an empty file like a missing one.
def read_file(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read() or default
    except FileNotFoundError:
        return default
