# expect: RE
# message: tampered
# Forged `loading` frames used to restart the judge's budgets forever (a hang).
import os, struct, time
def add(a, b):
    while True:                      # never returns; keeps resetting the judge's budgets
        os.write(4, struct.pack('<IB', 0, 9))   # a 'loading' frame (type 9), empty payload
        time.sleep(0.1)
