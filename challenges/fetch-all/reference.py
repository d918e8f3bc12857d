"""Reference solution for fetch-all."""

import asyncio


async def fetch_all(urls, fetch, limit):
    """Fetch every URL with at most ``limit`` fetches in flight; results in input order.

    One task per URL, each taking a slot of a semaphore for the whole of its fetch: the
    first ``limit`` start at once, and each finished fetch lets the next waiting one in.
    ``gather`` keeps the input order and raises the first exception.
    """
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url):
        async with semaphore:
            return await fetch(url)

    return list(await asyncio.gather(*(fetch_one(url) for url in urls)))
