# Bug: the topic table is a class attribute, so every PubSub shares (and leaks) the same subscribers.
class PubSub:
    _topics = {}

    def subscribe(self, topic, callback):
        token = object()
        self._topics.setdefault(topic, {})[token] = callback

        def unsubscribe():
            self._topics.get(topic, {}).pop(token, None)

        return unsubscribe

    def publish(self, topic, message):
        callbacks = list(self._topics.get(topic, {}).values())
        for callback in callbacks:
            callback(message)
        return len(callbacks)
