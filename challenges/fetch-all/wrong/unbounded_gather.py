# Bug: ignores the limit: gather starts every fetch at once.
import asyncio


async def fetch_all(urls, fetch, limit):
    return list(await asyncio.gather(*(fetch(url) for url in urls)))
