# expect: MLE
# Leaves too little memory to frame a 12 MB result: MLE, not a judge failure.
import resource
ballast = None
def add(a, b):
    global ballast
    s = 'x' * (12 << 20)                      # a 12 MB answer (output limit is 16 MB)
    soft, _ = resource.getrlimit(resource.RLIMIT_DATA)
    with open('/proc/self/status') as f:
        vmdata = int([l for l in f if l.startswith('VmData')][0].split()[1]) * 1024
    ballast = bytearray(soft - vmdata - (16 << 20))   # ~16 MB left: too little to encode and frame it
    return s
