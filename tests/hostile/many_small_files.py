# expect: AC
# Hundreds of files in the scratch folder: allowed, and removed after the run.
def add(a, b):
    for i in range(500):
        with open(f"f{i}.txt", "w") as f:
            f.write("x" * 100)
    return a + b
