from typing import Iterator


class Range:
    """Like the built-in `range` for iteration and `len()`, without using `range` or itertools."""

    def __init__(self, start: int, stop: int | None = None, step: int = 1) -> None:
        """`Range(stop)` counts from 0; a zero `step` raises ValueError."""
        pass  # your code here

    def __len__(self) -> int:
        """The number of values, computed in O(1)."""
        pass  # your code here

    def __iter__(self) -> Iterator[int]:
        """A new, separate iterator over the values, every time it is called."""
        pass  # your code here
