# Bug: publish walks the live list, so a callback that unsubscribes during publish makes the next one be skipped.
class PubSub:
    def __init__(self):
        self._topics = {}

    def subscribe(self, topic, callback):
        entry = [callback]
        subscribers = self._topics.setdefault(topic, [])
        subscribers.append(entry)

        def unsubscribe():
            if entry in subscribers:
                subscribers.remove(entry)

        return unsubscribe

    def publish(self, topic, message):
        count = 0
        for entry in self._topics.get(topic, []):
            entry[0](message)
            count += 1
        return count
