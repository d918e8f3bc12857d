# expect: RE
# message: ValueError
"""Imports signal (as asyncio does), which reads every handler, then fails: RE, not SV."""


def add(a, b):
    import signal  # noqa: F401

    raise ValueError("no")
