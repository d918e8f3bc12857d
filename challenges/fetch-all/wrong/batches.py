# Bug: fetches in batches of `limit`, so a slow fetch holds up the whole next batch instead of freeing one slot.
import asyncio


async def fetch_all(urls, fetch, limit):
    results = []
    for start in range(0, len(urls), limit):
        batch = urls[start:start + limit]
        results.extend(await asyncio.gather(*(fetch(url) for url in batch)))
    return results
