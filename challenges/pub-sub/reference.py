"""Reference solution for pub-sub."""


class PubSub:
    """Topic-based publish/subscribe.

    Each topic maps a fresh token per subscription to its callback, in a dict: insertion
    order is subscription order, the same callback can be there twice under two tokens,
    and an unsubscribe handle removes exactly its own token in O(1). publish() copies the
    topic's callbacks before calling any, so subscribing or unsubscribing during a publish
    affects only later publishes.
    """

    def __init__(self):
        self._topics = {}

    def subscribe(self, topic, callback):
        subscribers = self._topics.setdefault(topic, {})
        token = object()
        subscribers[token] = callback

        def unsubscribe():
            current = self._topics.get(topic)
            if current is not None and current.pop(token, None) is not None and not current:
                del self._topics[topic]

        return unsubscribe

    def publish(self, topic, message):
        callbacks = list(self._topics.get(topic, {}).values())
        for callback in callbacks:
            callback(message)
        return len(callbacks)
