# Bug: holds the semaphore only while creating each task, then awaits it outside: every fetch runs at once.
import asyncio


async def fetch_all(urls, fetch, limit):
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url):
        async with semaphore:
            task = asyncio.create_task(fetch(url))
        return await task

    return list(await asyncio.gather(*(fetch_one(url) for url in urls)))
