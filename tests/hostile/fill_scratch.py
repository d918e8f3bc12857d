# expect: RE
# message: OSError
# needs: namespaces
# Twenty files just under the per-file limit: the private tmpfs (16 MiB) fills first.
def add(a, b):
    for i in range(20):
        with open(f"fill-{a}-{i}.bin", "wb") as f:
            f.write(b"\0" * 1_000_000)
    return a + b
