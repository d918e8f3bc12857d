# Bug: catches every OSError, so a directory (or a file it may not read) gives the default instead of an error.
def read_file(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return default
