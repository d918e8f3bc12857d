import asyncio
from typing import Any, Awaitable, Callable


async def fetch_all(urls: list[str], fetch: Callable[[str], Awaitable[Any]], limit: int) -> list[Any]:
    """Await `fetch(url)` once per element of `urls`, never more than `limit` at a time
    (keeping `limit` busy while URLs remain), and return the results in the order of `urls`.

    If a fetch raises, raise that same exception.
    """
    pass  # your code here
