from collections.abc import Hashable
from typing import Any, Callable


class PubSub:
    """An in-process message hub: callbacks subscribe to topics, and publishing calls them."""

    def __init__(self) -> None:
        """Make a hub with no subscriptions (each hub is independent)."""
        pass  # your code here

    def subscribe(self, topic: Hashable, callback: Callable[[Any], Any]) -> Callable[[], None]:
        """Subscribe `callback` to `topic`; return a handle that removes this subscription
        (calling it again does nothing)."""
        pass  # your code here

    def publish(self, topic: Hashable, message: Any) -> int:
        """Call `callback(message)` for each subscription of `topic` as it was when the publish
        began, in subscription order; return how many callbacks were called."""
        pass  # your code here
