# expect: RE
# message: tampered
# Silences the harness and forges fast results for 800 ms of CPU per call: never AC.
import os, struct, threading, time
def s(b): return struct.pack('<I', len(b)) + b
def enc_int(v):
    if -2**63 <= v < 2**63: return b'i' + struct.pack('<q', v)
    m = abs(v); return b'I' + bytes([v < 0]) + s(m.to_bytes((m.bit_length() + 7) // 8, 'little'))
def frame(t, p): return struct.pack('<IB', len(p), t) + p
state = {'real': None, 'n': 0}
def heartbeat():
    while True:
        os.write(state['real'], frame(9, b''))    # 'loading': restarts the judge's per-test budget
        time.sleep(0.05)
def add(a, b):
    if state['real'] is None:                     # first call: ready was already sent
        state['real'] = os.dup(4)
        os.dup2(os.open('/dev/null', os.O_WRONLY), 4)   # the harness's own frames go nowhere
        threading.Thread(target=heartbeat, daemon=True).start()
    t = time.process_time()
    while time.process_time() - t < 0.8: pass     # 800 ms of CPU per call
    result = (struct.pack('<I', state['n']) + b'\x00' + s(enc_int(a + b)) + struct.pack('<I', 0)
              + s(b'') + s(b'') + struct.pack('<qq', 0, 0) + s(b'')
              + struct.pack('<QQQ', 1000, 1000, 1)     # "1 µs"
              + s(b'') + struct.pack('<Q', 0) + s(b'') + struct.pack('<Q', 0))
    os.write(state['real'], frame(11, result))
    state['n'] += 1
    return a + b
