# Subtle: when a's value is a dict and b's is not, a's dict is kept (b should win).
import copy


def deep_merge(a, b):
    result = copy.deepcopy(a)
    for key, value in b.items():
        if isinstance(result.get(key), dict):
            if isinstance(value, dict):
                result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result
