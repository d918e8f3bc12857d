# Leak: closes the file by hand after reading, so when decoding fails the file is left open.
def read_file(path, default=None):
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        return default
    text = f.read()
    f.close()
    return text
