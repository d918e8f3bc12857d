class Codec:
    """Shortens URLs to `http://tinyurl.com/<code>` (1 to 8 of A-Z a-z 0-9 - _) and back."""

    def __init__(self) -> None:
        """Create the system."""
        pass  # your code here

    def encode(self, longUrl: str) -> str:
        """Encodes a URL to a shortened URL."""
        pass  # your code here

    def decode(self, shortUrl: str) -> str:
        """Decodes a shortened URL to its original URL."""
        pass  # your code here
