# Bug: registers only classes that have bases, so the class declaring metaclass=RegistryMeta (and RegistryMeta("X", (), {})) is missing.
class RegistryMeta(type):
    registry = {}

    def __new__(mcs, name, bases, namespace, **kwargs):
        if name in RegistryMeta.registry:
            raise TypeError(f"a class named {name!r} is already registered")
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if bases:
            RegistryMeta.registry[name] = cls
        return cls
