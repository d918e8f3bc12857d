# expect: AC
"""No contextlib: __exit__ flushes inside try/finally so the close happens even if that fails;
it returns None, which is falsy, so the body's exception goes on."""


class ManagedFile:
    def __init__(self, path, mode):
        self.path = path
        self.mode = mode
        self.handle = None

    def __enter__(self):
        self.handle = open(self.path, self.mode)
        return self.handle

    def __exit__(self, *exc_info):
        handle, self.handle = self.handle, None
        try:
            if exc_info[0] is None and handle.writable():
                handle.flush()
        finally:
            handle.close()
