"""Reference solution for safe-file-read."""


def read_file(path, default=None):
    """Return the text of the file at ``path`` (UTF-8), or ``default`` if it does not exist.

    Only FileNotFoundError means "missing"; every other error (a directory, no permission,
    bytes that are not UTF-8) propagates. The ``with`` block closes the file on every path
    out, the failing decode included.
    """
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return default
