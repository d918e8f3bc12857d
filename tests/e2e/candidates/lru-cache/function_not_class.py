# expect: CE
# message: `LRUCache` is a function, not a class; define `class LRUCache:`
"""A function of the class's name: the ops need a class to construct."""


def LRUCache(capacity):
    return {}
