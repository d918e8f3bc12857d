# Bug: unsubscribe removes the first equal callback, not its own subscription (wrong one for duplicates; repeats remove more).
class PubSub:
    def __init__(self):
        self._topics = {}

    def subscribe(self, topic, callback):
        subscribers = self._topics.setdefault(topic, [])
        subscribers.append(callback)

        def unsubscribe():
            if callback in subscribers:
                subscribers.remove(callback)

        return unsubscribe

    def publish(self, topic, message):
        callbacks = list(self._topics.get(topic, []))
        for callback in callbacks:
            callback(message)
        return len(callbacks)
