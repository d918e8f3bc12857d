# Subtle: a new dict at each level it merges, but a nested dict found on one side only is put
# in the result as it is, so changing the result changes the input too.
def deep_merge(a, b):
    result = dict(a)
    for key, value in b.items():
        if isinstance(result.get(key), dict) and isinstance(value, dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result
