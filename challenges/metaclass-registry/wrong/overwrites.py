# Bug: no duplicate check: a second class with a taken name silently replaces the first.
class RegistryMeta(type):
    registry = {}

    def __new__(mcs, name, bases, namespace, **kwargs):
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        RegistryMeta.registry[name] = cls
        return cls
