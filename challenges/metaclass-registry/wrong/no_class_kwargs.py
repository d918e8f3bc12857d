# Bug: __new__ takes no **kwargs, so class keyword arguments meant for __init_subclass__ raise TypeError.
class RegistryMeta(type):
    registry = {}

    def __new__(mcs, name, bases, namespace):
        if name in RegistryMeta.registry:
            raise TypeError(f"a class named {name!r} is already registered")
        cls = super().__new__(mcs, name, bases, namespace)
        RegistryMeta.registry[name] = cls
        return cls
