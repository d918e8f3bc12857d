# Bug: reaches the registry as cls.registry, so a class with its own `registry` attribute registers into that instead.
class RegistryMeta(type):
    registry = {}

    def __init__(cls, name, bases, namespace, **kwargs):
        if name in cls.registry:
            raise TypeError(f"a class named {name!r} is already registered")
        super().__init__(name, bases, namespace, **kwargs)
        cls.registry[name] = cls
