"""Reference solution for metaclass-registry."""


class RegistryMeta(type):
    """A metaclass that records every class made with it, by name.

    ``registry`` lives on the metaclass itself and is always reached as
    ``RegistryMeta.registry`` (never as ``cls.registry``, which a class could shadow with
    an attribute of its own). Checking for a duplicate before ``type.__new__`` runs means
    a refused class is never created at all.
    """

    registry: dict = {}

    def __new__(mcs, name, bases, namespace, **kwargs):
        if name in RegistryMeta.registry:
            raise TypeError(f"a class named {name!r} is already registered")
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        RegistryMeta.registry[name] = cls
        return cls
