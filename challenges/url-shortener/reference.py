import string

ALPHABET = string.digits + string.ascii_letters
PREFIX = "http://tinyurl.com/"


class Codec:
    def __init__(self):
        self.url_of = {}   # code -> long URL
        self.code_of = {}  # long URL -> code: the same URL gets the same short URL

    def encode(self, longUrl: str) -> str:
        """Encodes a URL to a shortened URL."""
        code = self.code_of.get(longUrl)
        if code is None:
            n = len(self.url_of)
            digits = []
            while True:
                n, r = divmod(n, len(ALPHABET))
                digits.append(ALPHABET[r])
                if n == 0:
                    break
            code = "".join(reversed(digits))
            self.url_of[code] = longUrl
            self.code_of[longUrl] = code
        return PREFIX + code

    def decode(self, shortUrl: str) -> str:
        """Decodes a shortened URL to its original URL."""
        return self.url_of[shortUrl[len(PREFIX):]]
