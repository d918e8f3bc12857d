# Shallow: {**a, **b} replaces a nested dict of a by b's instead of merging the two.
def deep_merge(a, b):
    return {**a, **b}
