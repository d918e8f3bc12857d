import os


class ManagedFile:
    """A context manager for a file, written with `__enter__` and `__exit__` (no contextlib)."""

    def __init__(self, path: str | os.PathLike, mode: str = "r") -> None:
        """Remember where and how to open the file; open nothing yet."""
        pass  # your code here

    def __enter__(self):
        """Open the file as `open(path, mode)` would, and return the file object."""
        pass  # your code here

    def __exit__(self, exc_type, exc_value, traceback) -> bool | None:
        """Close the file, however the block ended; never swallow the block's exception."""
        pass  # your code here
