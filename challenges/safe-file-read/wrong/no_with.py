# Leak: open(...).read() without `with` never closes the file; the garbage collector does, with a ResourceWarning.
def read_file(path, default=None):
    try:
        return open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return default
