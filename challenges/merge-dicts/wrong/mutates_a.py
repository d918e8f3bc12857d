# Merges right, but into `a` itself (and returns it): the caller's dict is changed.
def deep_merge(a, b):
    for key, value in b.items():
        if isinstance(a.get(key), dict) and isinstance(value, dict):
            deep_merge(a[key], value)
        else:
            a[key] = value
    return a
