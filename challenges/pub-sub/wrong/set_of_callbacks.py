# Bug: keeps each topic's callbacks in a set: the same callback twice is called once, and the order is lost.
class PubSub:
    def __init__(self):
        self._topics = {}

    def subscribe(self, topic, callback):
        self._topics.setdefault(topic, set()).add(callback)

        def unsubscribe():
            self._topics.get(topic, set()).discard(callback)

        return unsubscribe

    def publish(self, topic, message):
        callbacks = list(self._topics.get(topic, ()))
        for callback in callbacks:
            callback(message)
        return len(callbacks)
