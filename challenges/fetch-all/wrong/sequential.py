# Bug: awaits one fetch after another: right results, but only one fetch in flight whatever the limit.
async def fetch_all(urls, fetch, limit):
    results = []
    for url in urls:
        results.append(await fetch(url))
    return results
