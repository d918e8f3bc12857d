# Bug: registers in __call__, so a class appears only once instantiated, and the registry maps names to instances.
class RegistryMeta(type):
    registry = {}

    def __call__(cls, *args, **kwargs):
        instance = super().__call__(*args, **kwargs)
        if cls.__name__ in RegistryMeta.registry and type(RegistryMeta.registry[cls.__name__]) is not cls:
            raise TypeError(f"duplicate class name {cls.__name__!r}")
        RegistryMeta.registry[cls.__name__] = instance
        return instance
