# expect: WA
# Patching builtins, json, time and gc changes nothing outside the box.
import builtins
import gc
import json
import time

builtins.isinstance = lambda *args: True
builtins.len = lambda *args: 0
json.dumps = lambda *args, **kw: "[3]"
json.loads = lambda *args, **kw: 3
time.time = time.perf_counter = time.process_time = lambda: 0.0
gc.get_objects = lambda *args: []


def add(a, b):
    return a - b
