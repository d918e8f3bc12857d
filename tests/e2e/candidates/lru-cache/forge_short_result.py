# expect: RE
# message: tampered
# A forged result with fewer op results than ops: RE, never an internal error.
import os, struct
def s(b): return struct.pack('<I', len(b)) + b
class LRUCache:
    def __init__(self, capacity):
        value = b'l' + struct.pack('<I', 0)          # [] : fewer op results than ops
        payload = (struct.pack('<I', 0) + b'\x00' + s(value) + struct.pack('<I', 0)
                   + s(b'') + s(b'') + struct.pack('<qq', 0, 0) + s(b'')
                   + struct.pack('<QQQ', 1, 1, 1)
                   + s(b'') + struct.pack('<Q', 0) + s(b'') + struct.pack('<Q', 0))
        os.write(4, struct.pack('<IB', len(payload), 11) + payload)   # a 'result' frame for test 0
        os._exit(0)
    def get(self, k): return -1
    def put(self, k, v): pass
