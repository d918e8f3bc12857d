class RegistryMeta(type):
    """A metaclass that registers every class made with it in `RegistryMeta.registry`,
    under its `__name__`; creating a class whose name is taken raises TypeError."""

    registry: dict = {}

    def __new__(mcs, name: str, bases: tuple, namespace: dict, **kwargs) -> type:
        """Create the class `name` and record it in `RegistryMeta.registry` (only once per name)."""
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        # your code here
        return cls
