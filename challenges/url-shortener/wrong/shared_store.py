# Subtle: the code-to-URL map is a class attribute shared by every Codec, but each instance counts codes from 0, so a second Codec overwrites the first one's links.
class Codec:
    store = {}

    def __init__(self):
        self.count = 0

    def encode(self, longUrl):
        code = str(self.count)
        self.count += 1
        self.store[code] = longUrl
        return "http://tinyurl.com/" + code

    def decode(self, shortUrl):
        return self.store[shortUrl.split("/")[-1]]
