# Codes from hash(url) % 1000 with no collision handling: with thousands of URLs two share a code and one decodes to the other.
class Codec:
    def __init__(self):
        self.store = {}

    def encode(self, longUrl):
        code = str(hash(longUrl) % 1000)
        self.store[code] = longUrl
        return "http://tinyurl.com/" + code

    def decode(self, shortUrl):
        return self.store[shortUrl.split("/")[-1]]
